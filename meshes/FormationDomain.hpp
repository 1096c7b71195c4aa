#pragma once

namespace drafting::meshes {

/// Air around a 3D formation [m]: before the first runner, behind the last, beside the
/// outermost runners and above the head (config keys mesh.upstream, mesh.downstream, mesh.side,
/// mesh.above). The defaults are the ones docs/validation.md's domain study chose.
struct FormationDomain {
    double upstream = 3.0;
    double downstream = 6.0;
    double side = 5.0;  // 2.5 m moved the saving by 0.55 points against 5 m (validation.md)
    double above = 1.45;
    /// Gap between the ground and the body's lowest point [m]; not a config key. 0 is a runner,
    /// feet sunk FormationMesh::kGroundSink into the ground; the sphere reference lifts its body
    /// clear of the ground (ReferenceCase), and its shell and wake boxes move up with it.
    double lift = 0.0;
    /// How far the wakes drift sideways per metre downstream in a crosswind (the air's lateral
    /// over its running-direction speed, dy/dx); not a config key (CaseWriter sets it from the
    /// wind). The wake boxes reach that far further to the lee side.
    double wakeSlope = 0.0;
};

}  // namespace drafting::meshes
