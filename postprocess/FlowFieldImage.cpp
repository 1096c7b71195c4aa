#include "postprocess/FlowFieldImage.hpp"

#include "postprocess/PostError.hpp"

#include <vtkActor.h>
#include <vtkCamera.h>
#include <vtkCellArray.h>
#include <vtkColorTransferFunction.h>
#include <vtkCompositeDataSet.h>
#include <vtkContourTriangulator.h>
#include <vtkCoordinate.h>
#include <vtkCutter.h>
#include <vtkDoubleArray.h>
#include <vtkInformation.h>
#include <vtkMultiBlockDataSet.h>
#include <vtkNew.h>
#include <vtkPNGWriter.h>
#include <vtkPlane.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>
#include <vtkRenderWindow.h>
#include <vtkRenderer.h>
#include <vtkScalarBarActor.h>
#include <vtkSmartPointer.h>
#include <vtkTextActor.h>
#include <vtkTextProperty.h>
#include <vtkWindowToImageFilter.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

namespace drafting::post {

namespace {

// Viridis (van der Walt & Smith, matplotlib): perceptually uniform and readable in grey and by
// colour-blind readers, so equal steps of speed look equal.
const double kViridis[][4] = {{0.0, 0.267, 0.005, 0.329}, {0.1, 0.282, 0.141, 0.458}, {0.2, 0.255, 0.267, 0.530},
                              {0.3, 0.208, 0.373, 0.553}, {0.4, 0.165, 0.471, 0.558}, {0.5, 0.129, 0.569, 0.549},
                              {0.6, 0.133, 0.659, 0.518}, {0.7, 0.267, 0.749, 0.439}, {0.8, 0.478, 0.820, 0.318},
                              {0.9, 0.741, 0.873, 0.150}, {1.0, 0.993, 0.906, 0.144}};

// Metres of flow shown around the runners: the wake behind them matters more than the approach.
constexpr double kWake = 3.5, kAhead = 1.5, kSide = 1.0;

// Layout as fractions of the window: a title strip on top, the scalar bar on the right.
constexpr double kTitleTop = 0.92, kBarLeft = 0.87;

// A runner's name stands this far beyond its body's side [m]; the length bar's line width [px].
constexpr double kLabelGap = 0.15;
constexpr float kBarLineWidth = 3.0f;

// Debian's VTK replaces Arial by a font whose '[' and '|' look like '(' and 'I'; DejaVu Sans
// (fontconfig's default, on every Debian desktop) draws "|U| [m/s]" as written.
constexpr const char* kFont = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
constexpr const char* kBoldFont = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";

void style(vtkTextProperty* p, int size, bool bold) {
    p->SetFontSize(size);
    p->SetColor(0.0, 0.0, 0.0);
    p->SetItalic(false);
    p->SetShadow(false);
    const char* file = bold ? kBoldFont : kFont;
    if (std::filesystem::exists(file)) {
        p->SetFontFamily(VTK_FONT_FILE);
        p->SetFontFile(file);
    } else {
        p->SetBold(bold);
    }
}

vtkNew<vtkTextActor> text(const std::string& s, int size, bool bold) {
    vtkNew<vtkTextActor> t;
    t->SetInput(s.c_str());
    style(t->GetTextProperty(), size, bold);
    return t;
}

}  // namespace

bool FlowFieldImage::displayAvailable() {
    const char* display = std::getenv("DISPLAY");
    return display != nullptr && *display != '\0';
}

double FlowFieldImage::scaleBarLength(double visibleWidthM) {
    double length = 0.25;
    for (const double candidate : {0.5, 1.0, 2.0, 5.0, 10.0})
        if (candidate <= visibleWidthM / 5.0) length = candidate;
    return length;
}

FlowImageMarks FlowFieldImage::write(vtkPolyData* slice, vtkMultiBlockDataSet* surfaces, const FlowImageSpec& spec) {
    if (!displayAvailable()) throw PostError("cannot render " + spec.path + ": no X display");
    const double top = spec.speedMax > 0.0 ? spec.speedMax : 1.0;

    vtkNew<vtkColorTransferFunction> colours;
    for (const auto& c : kViridis) colours->AddRGBPoint(c[0] * top, c[1], c[2], c[3]);
    colours->ClampingOn();

    vtkNew<vtkRenderWindow> window;
    window->SetOffScreenRendering(1);
    window->SetSize(spec.width, spec.height);
    window->SetMultiSamples(0);
    vtkNew<vtkRenderer> view, bar, heading;
    view->SetViewport(0.0, 0.0, kBarLeft, kTitleTop);
    bar->SetViewport(kBarLeft, 0.0, 1.0, kTitleTop);
    heading->SetViewport(0.0, kTitleTop, 1.0, 1.0);
    for (vtkRenderer* r : {view.Get(), bar.Get(), heading.Get()}) {
        r->SetBackground(1.0, 1.0, 1.0);
        window->AddRenderer(r);
    }

    // The slice, coloured by speed; unlit so its colours are the colour bar's.
    vtkNew<vtkPolyDataMapper> sliceMapper;
    sliceMapper->SetInputData(slice);
    sliceMapper->SetScalarModeToUsePointFieldData();
    sliceMapper->SelectColorArray("U_magnitude");
    sliceMapper->SetLookupTable(colours);
    sliceMapper->UseLookupTableScalarRangeOn();
    sliceMapper->ScalarVisibilityOn();
    vtkNew<vtkActor> sliceActor;
    sliceActor->SetMapper(sliceMapper);
    sliceActor->GetProperty()->LightingOff();
    view->AddActor(sliceActor);

    double sb[6];
    slice->GetBounds(sb);
    const double z = 0.5 * (sb[4] + sb[5]);

    // The runners: their bodies in light grey (in 3D the head and shoulders above the slice),
    // and their section at the slice filled dark grey with a black outline.
    double box[4] = {sb[0], sb[1], sb[2], sb[3]};
    bool anyRunner = false;
    struct Named {
        std::string name;
        double x, y;  // where its label goes: centred on it, above its far side (+y)
    };
    std::vector<Named> named;
    vtkNew<vtkPlane> plane;
    plane->SetOrigin(0.0, 0.0, z);
    plane->SetNormal(0.0, 0.0, 1.0);
    for (unsigned int i = 0; surfaces != nullptr && i < surfaces->GetNumberOfBlocks(); ++i) {
        auto* body = vtkPolyData::SafeDownCast(surfaces->GetBlock(i));
        if (body == nullptr || body->GetNumberOfCells() == 0) continue;
        double b[6];
        body->GetBounds(b);
        const char* blockName = surfaces->HasMetaData(i) ? surfaces->GetMetaData(i)->Get(vtkCompositeDataSet::NAME()) : nullptr;
        named.push_back({blockName != nullptr ? blockName : "runner " + std::to_string(i + 1), 0.5 * (b[0] + b[1]),
                         b[3] + kLabelGap});
        if (!anyRunner) {
            box[0] = b[0], box[1] = b[1], box[2] = b[2], box[3] = b[3];
            anyRunner = true;
        } else {
            box[0] = std::min(box[0], b[0]), box[1] = std::max(box[1], b[1]);
            box[2] = std::min(box[2], b[2]), box[3] = std::max(box[3], b[3]);
        }
        auto mapper = vtkSmartPointer<vtkPolyDataMapper>::New();
        mapper->SetInputData(body);
        mapper->ScalarVisibilityOff();
        auto actor = vtkSmartPointer<vtkActor>::New();
        actor->SetMapper(mapper);
        actor->GetProperty()->SetColor(0.82, 0.82, 0.82);
        view->AddActor(actor);

        auto cut = vtkSmartPointer<vtkCutter>::New();
        cut->SetCutFunction(plane);
        cut->SetInputData(body);
        auto fill = vtkSmartPointer<vtkContourTriangulator>::New();
        fill->SetInputConnection(cut->GetOutputPort());
        auto fillMapper = vtkSmartPointer<vtkPolyDataMapper>::New();
        fillMapper->SetInputConnection(fill->GetOutputPort());
        fillMapper->ScalarVisibilityOff();
        auto fillActor = vtkSmartPointer<vtkActor>::New();
        fillActor->SetMapper(fillMapper);
        fillActor->GetProperty()->SetColor(0.45, 0.45, 0.45);
        fillActor->GetProperty()->LightingOff();
        fillActor->SetPosition(0.0, 0.0, 0.001);  // just above the slice, towards the camera
        view->AddActor(fillActor);
        auto lineMapper = vtkSmartPointer<vtkPolyDataMapper>::New();
        lineMapper->SetInputConnection(cut->GetOutputPort());
        lineMapper->ScalarVisibilityOff();
        auto lineActor = vtkSmartPointer<vtkActor>::New();
        lineActor->SetMapper(lineMapper);
        lineActor->GetProperty()->SetColor(0.0, 0.0, 0.0);
        lineActor->GetProperty()->SetLineWidth(2.0);
        lineActor->GetProperty()->LightingOff();
        lineActor->SetPosition(0.0, 0.0, 0.002);
        view->AddActor(lineActor);
    }
    if (anyRunner) {
        box[0] = std::max(sb[0], box[0] - kWake), box[1] = std::min(sb[1], box[1] + kAhead);
        box[2] = std::max(sb[2], box[2] - kSide), box[3] = std::min(sb[3], box[3] + kSide);
    }

    // From above, x to the right, y up, framing the box in the view's aspect.
    const double aspect = (kBarLeft * spec.width) / (kTitleTop * spec.height);
    const double cx = 0.5 * (box[0] + box[1]), cy = 0.5 * (box[2] + box[3]);
    vtkCamera* camera = view->GetActiveCamera();
    camera->ParallelProjectionOn();
    camera->SetFocalPoint(cx, cy, z);
    camera->SetPosition(cx, cy, z + 20.0);
    camera->SetViewUp(0.0, 1.0, 0.0);
    camera->SetParallelScale(std::max(0.5 * (box[3] - box[2]), 0.5 * (box[1] - box[0]) / aspect));
    view->ResetCameraClippingRange();

    // A length scale bar at the bottom right and each runner's name above it, both in metres of the
    // slice (world coordinates), so they scale with the picture.
    FlowImageMarks marks;
    const double halfHeight = camera->GetParallelScale(), halfWidth = halfHeight * aspect;
    const double viewPixelsHigh = kTitleTop * spec.height;
    marks.pixelsPerMetre = viewPixelsHigh / (2.0 * halfHeight);
    marks.scaleBarM = scaleBarLength(2.0 * halfWidth);
    const double barRight = cx + 0.92 * halfWidth, barY = cy - 0.82 * halfHeight, tick = 0.025 * halfHeight;
    const double barLeft = barRight - marks.scaleBarM;
    vtkNew<vtkPoints> barPoints;
    vtkNew<vtkCellArray> barLines;
    const auto segment = [&](double x0, double y0, double x1, double y1) {
        const vtkIdType a = barPoints->InsertNextPoint(x0, y0, z + 0.003);
        const vtkIdType b = barPoints->InsertNextPoint(x1, y1, z + 0.003);
        const vtkIdType ids[2] = {a, b};
        barLines->InsertNextCell(2, ids);
    };
    segment(barLeft, barY, barRight, barY);
    segment(barLeft, barY - tick, barLeft, barY + tick);
    segment(barRight, barY - tick, barRight, barY + tick);
    vtkNew<vtkPolyData> barData;
    barData->SetPoints(barPoints);
    barData->SetLines(barLines);
    vtkNew<vtkPolyDataMapper> barMapper;
    barMapper->SetInputData(barData);
    barMapper->ScalarVisibilityOff();
    vtkNew<vtkActor> barActor;
    barActor->SetMapper(barMapper);
    barActor->GetProperty()->SetColor(0.0, 0.0, 0.0);
    barActor->GetProperty()->SetLineWidth(kBarLineWidth);
    barActor->GetProperty()->LightingOff();
    view->AddActor(barActor);
    char barText[32];
    std::snprintf(barText, sizeof(barText), "%g m", marks.scaleBarM);
    // World position -> pixel of the PNG: the view's viewport starts at the window's left and bottom.
    const auto pixelX = [&](double x) { return static_cast<int>(std::lround((x - (cx - halfWidth)) * marks.pixelsPerMetre)); };
    const auto pixelY = [&](double y) { return static_cast<int>(std::lround((y - (cy - halfHeight)) * marks.pixelsPerMetre)); };
    marks.barX0 = pixelX(barLeft);
    marks.barX1 = pixelX(barRight);
    marks.barY = pixelY(barY);
    const auto worldText = [&](const std::string& s, double x, double y, int size) {
        auto t = text(s, size, false);
        t->GetTextProperty()->SetJustificationToCentered();
        t->GetTextProperty()->SetVerticalJustificationToCentered();
        // A pale box behind the words keeps them readable over the dark wake.
        t->GetTextProperty()->SetBackgroundColor(1.0, 1.0, 1.0);
        t->GetTextProperty()->SetBackgroundOpacity(0.75);
        t->GetPositionCoordinate()->SetCoordinateSystemToWorld();
        t->GetPositionCoordinate()->SetValue(x, y, z + 0.004);
        view->AddActor2D(t);
    };
    worldText(barText, 0.5 * (barLeft + barRight), barY + 4.0 * tick, 14);
    for (const auto& r : named) {
        worldText(r.name, r.x, r.y, 14);
        marks.labels.push_back({r.name, pixelX(r.x), pixelY(r.y)});
    }

    vtkNew<vtkScalarBarActor> scale;
    scale->SetLookupTable(colours);
    scale->SetTitle("|U| [m/s]");
    // Ticks on whole m/s (every 2 above 6 m/s): round numbers read faster than range fifths.
    const double step = top > 12.0 ? 5.0 : top > 6.0 ? 2.0 : top > 3.0 ? 1.0 : 0.5;
    vtkNew<vtkDoubleArray> ticks;
    for (double v = 0.0; v <= top + 1e-9; v += step) ticks->InsertNextValue(v);
    scale->UseCustomLabelsOn();
    scale->SetCustomLabels(ticks);
    scale->SetLabelFormat(step < 1.0 ? "%.1f" : "%.0f");
    scale->SetPosition(0.12, 0.04);
    scale->SetWidth(0.6);
    scale->SetHeight(0.86);
    scale->SetVerticalTitleSeparation(12);
    scale->SetUnconstrainedFontSize(true);
    style(scale->GetTitleTextProperty(), 16, true);
    style(scale->GetLabelTextProperty(), 14, false);
    bar->AddActor2D(scale);

    auto title = text(spec.title, 18, true);
    title->SetPosition(10, 8);
    heading->AddActor2D(title);
    auto air = text("air flows right to left (runners face +x)", 14, false);
    air->SetPosition(10, 8);
    view->AddActor2D(air);

    window->Render();
    vtkNew<vtkWindowToImageFilter> grab;
    grab->SetInput(window);
    grab->SetInputBufferTypeToRGB();
    grab->ReadFrontBufferOff();
    grab->Update();
    vtkNew<vtkPNGWriter> png;
    png->SetFileName(spec.path.c_str());
    png->SetInputConnection(grab->GetOutputPort());
    png->Write();
    if (png->GetErrorCode() != 0) throw PostError("cannot write " + spec.path);
    return marks;
}

}  // namespace drafting::post
