#include "postprocess/ParaViewScript.hpp"

#include <nlohmann/json.hpp>

namespace drafting::post {

std::string ParaViewScript::text(const std::string& flowDir) {
    // A JSON string in ASCII is a Python string literal: the folder's bytes cannot end it.
    const std::string folder =
        nlohmann::json(flowDir).dump(-1, ' ', true, nlohmann::json::error_handler_t::replace);
    return R"PY(#!/usr/bin/env pvpython
"""Opens this sweep's flow fields in ParaView, ready to look at: one formation, the chest-height
slice coloured by air speed and every runner's surface by pressure, each on one colour range shared
by all the formation's cases, seen from above. ParaView's time steps through the gaps the formation
varies (flow.json "series": front gap, else back gap). Written by draft-post beside flow.json.

  paraview --script=open-in-paraview.py                 the GUI, the first formation with several cases
  pvpython open-in-paraview.py [FORMATION] [--screenshot FILE.png]
                                                        without a window; prints what it loaded as JSON
  (on a machine without a display: xvfb-run -a pvpython open-in-paraview.py ...)
"""
import json
import os
import sys

# pvpython puts its own dist-packages first; where ParaView's Python is unpacked beside another VTK
# (scripts/setup-deps.sh), PYTHONPATH must win.
sys.path[:0] = [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]

from paraview.simple import (ColorBy, ExtractBlock, GetActiveViewOrCreate, GetColorTransferFunction,  # noqa: E402
                             GetScalarBar, PVDReader, Render, SaveScreenshot, Show)

# paraview --script runs this text without a file name: then the folder draft-post wrote it to.
IN_GUI = "__file__" not in globals()
HERE = os.path.dirname(os.path.abspath(__file__)) if not IN_GUI else )PY" +
           folder + R"PY(


def fail(message):
    text = "open-in-paraview.py: " + message
    if IN_GUI:
        raise RuntimeError(text)  # in ParaView's window: said in its output, ParaView stays open
    sys.stderr.write(text + "\n")
    sys.exit(1)


def main(argv):
    screenshot = None
    if "--screenshot" in argv:
        at = argv.index("--screenshot")
        if at + 1 >= len(argv):
            fail("--screenshot needs a FILE.png")
        screenshot = argv[at + 1]
        del argv[at:at + 2]
    try:
        with open(os.path.join(HERE, "flow.json")) as f:
            flow = json.load(f)
    except (OSError, ValueError) as e:
        fail("cannot read flow.json beside the script (%s); run draft-post first" % e)
    series = flow.get("series") or []
    if not series:
        fail("flow.json lists no formation with flow fields")
    names = [s["formation"] for s in series]
    if argv:
        if argv[0] not in names:
            fail("formation %r has no flow fields here (%s)" % (argv[0], ", ".join(names)))
        chosen = series[names.index(argv[0])]
    else:
        chosen = next((s for s in series if len(s["steps"]) > 1), series[0])

    view = GetActiveViewOrCreate("RenderView")
    # The pvd beside the script, by its own name: the folder may have moved since draft-post.
    reader = PVDReader(registrationName=chosen["formation"],
                       FileName=os.path.join(HERE, os.path.basename(chosen["pvd"])))
    slice_ = ExtractBlock(registrationName="slice", Input=reader, Selectors=["/Root/slice"])
    runners = ExtractBlock(registrationName="runners", Input=reader, Selectors=["/Root/runners"])
    times = list(reader.TimestepValues) or [0.0]

    # One range over every step: a colour means the same speed or pressure in every case.
    speed_top = float(flow.get("speed_max_mps") or 0.0)
    p_low, p_high = float("inf"), float("-inf")
    slice_cells = []
    for t in times:
        runners.UpdatePipeline(t)
        info = runners.GetDataInformation().GetCellDataInformation().GetArrayInformation("p")
        if info is not None:
            low, high = info.GetComponentRange(0)
            p_low, p_high = min(p_low, low), max(p_high, high)
        slice_.UpdatePipeline(t)
        slice_cells.append(slice_.GetDataInformation().GetNumberOfCells())
    if p_low > p_high:
        p_low, p_high = -1.0, 1.0

    slice_display = Show(slice_, view)
    ColorBy(slice_display, ("POINTS", "U_magnitude"))
    speed_lut = GetColorTransferFunction("U_magnitude")
    speed_lut.ApplyPreset("Viridis (matplotlib)", True)  # as draft-post's speed.png
    speed_lut.AutomaticRescaleRangeMode = "Never"
    speed_lut.RescaleTransferFunction(0.0, speed_top if speed_top > 0 else 1.0)
    slice_display.SetScalarBarVisibility(view, True)
    GetScalarBar(speed_lut, view).WindowLocation = "Lower Left Corner"  # over the far wake, not a runner

    runner_display = Show(runners, view)
    ColorBy(runner_display, ("CELLS", "p"))
    p_lut = GetColorTransferFunction("p")
    p_lut.ApplyPreset("Cool to Warm", True)
    p_lut.AutomaticRescaleRangeMode = "Never"
    p_lut.RescaleTransferFunction(p_low, p_high)
    runner_display.SetScalarBarVisibility(view, True)
    GetScalarBar(p_lut, view).WindowLocation = "Upper Left Corner"

    # From above, x to the right (the air flows right to left), framing the runners and the
    # wake behind them: 6 m by 3 m centred a metre downstream of the formation.
    view.ViewTime = times[0]
    Render(view)  # ParaView resets the camera at a view's first render: frame it after that
    runners.UpdatePipeline(times[0])
    x0, x1, y0, y1, z0, z1 = runners.GetDataInformation().GetBounds()
    if x0 > x1:
        x0 = x1 = y0 = y1 = z0 = z1 = 0.0
    cx, cy = 0.5 * (x0 + x1) - 1.0, 0.5 * (y0 + y1)
    view.CameraParallelProjection = 1
    view.CameraPosition = [cx, cy, z1 + 20.0]
    view.CameraFocalPoint = [cx, cy, 0.5 * (z0 + z1)]
    view.CameraViewUp = [0.0, 1.0, 0.0]
    view.CameraParallelScale = max(1.5, 0.5 * (y1 - y0) + 0.5, 0.25 * (x1 - x0) + 0.5)
    # ParaView's time keeper follows the reader's time steps (the GUI's time controls step through
    # the gaps); the first gap is shown.
    Render(view)
    if screenshot:
        SaveScreenshot(screenshot, view, ImageResolution=[1200, 600])
    print(json.dumps({"formation": chosen["formation"], "axis": chosen.get("axis"), "times": times,
                      "speed_range_mps": [0.0, speed_top], "pressure_range": [p_low, p_high],
                      "slice_cells": slice_cells, "screenshot": screenshot}))


main(sys.argv[1:] if not IN_GUI else [])
)PY";
}

}  // namespace drafting::post
