# Opens FlowFieldExport's output with ParaView's own readers and prints what they see as JSON
# (tests/postprocess/FlowFieldSweepTest.cpp compares it with the export):
#   pvpython paraview_flow_fields.py SWEEP.pvd CASE.foam SURFACES.vtm
import json
import os
import sys

# pvpython puts its library's dist-packages ahead of PYTHONPATH; when ParaView's Python modules
# are unpacked beside Debian's python3-vtk9 (scripts/setup-deps.sh), PYTHONPATH must win or
# ParaView would load VTK 9.1's modules and crash.
sys.path[:0] = [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]

from paraview import servermanager  # noqa: E402
from paraview.simple import OpenFOAMReader, PVDReader, XMLMultiBlockDataReader  # noqa: E402


def leaves(data):
    """(name, dataset) for every leaf of a composite dataset, or the dataset itself."""
    if data.IsA("vtkMultiBlockDataSet"):
        out = []
        for i in range(data.GetNumberOfBlocks()):
            meta = data.GetMetaData(i) if data.HasMetaData(i) else None
            name = meta.Get(data.NAME()) if meta is not None and meta.Has(data.NAME()) else str(i)
            block = data.GetBlock(i)
            if block is None:
                continue
            if block.IsA("vtkMultiBlockDataSet"):
                out += [(name + "/" + n, d) for n, d in leaves(block)]
            else:
                out.append((name, block))
        return out
    return [("", data)]


def arrays(fields):
    return sorted(fields.GetArrayName(i) for i in range(fields.GetNumberOfArrays()))


def describe(data):
    return {name: {"cells": d.GetNumberOfCells(), "points": d.GetNumberOfPoints(),
                   "point_arrays": arrays(d.GetPointData()), "cell_arrays": arrays(d.GetCellData())}
            for name, d in leaves(data)}


pvd_path, foam_path, vtm_path = sys.argv[1], sys.argv[2], sys.argv[3]

pvd = PVDReader(FileName=pvd_path)
steps = []
for t in pvd.TimestepValues:
    pvd.UpdatePipeline(t)
    steps.append({"time": t, "blocks": describe(servermanager.Fetch(pvd))})

foam = OpenFOAMReader(FileName=foam_path)
foam.Decomposepolyhedra = 0  # OpenFOAM's own cells, so the count matches checkMesh
regions = list(foam.GetProperty("MeshRegions").Available)
foam.MeshRegions = [r for r in regions if r == "internalMesh" or r.startswith("patch/")]
foam.CellArrays = list(foam.GetProperty("CellArrays").Available)
times = list(foam.TimestepValues)
foam.UpdatePipeline(max(times))

vtm = XMLMultiBlockDataReader(FileName=[vtm_path])
vtm.UpdatePipeline()

print(json.dumps({
    "pvd": {"timesteps": list(pvd.TimestepValues), "steps": steps},
    "foam": {"times": times, "regions": regions, "blocks": describe(servermanager.Fetch(foam))},
    "vtm": {"blocks": describe(servermanager.Fetch(vtm))},
}))
