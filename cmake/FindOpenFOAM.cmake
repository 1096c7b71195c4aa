# FindOpenFOAM
# ------------
# Locates Debian's OpenFOAM v1912 (libraries in /usr/lib, no headers) and the headers that
# scripts/setup-deps.sh unpacked from Debian's source package, and exposes one imported target per
# OpenFOAM library (OpenFOAM::OpenFOAM, OpenFOAM::finiteVolume, ...).
#
# Every target carries the compile definitions the packaged libraries were built with; a mismatch
# (label size, precision) compiles cleanly and then crashes at run time, so they are not optional.
#
# Input:  OpenFOAM_SOURCE_DIR  (default: $DRAFTING_CACHE/openfoam-src or ~/.cache/drafting/openfoam-src)
# Output: OpenFOAM_FOUND, OpenFOAM_SOURCE_DIR, OpenFOAM_LIBRARY_DIR, OpenFOAM_PROJECT_DIR,
#         OpenFOAM_VERSION (WM_PROJECT_VERSION of its etc/bashrc, e.g. v1912; "unknown" without it)

if(NOT OpenFOAM_SOURCE_DIR)
  if(DEFINED ENV{DRAFTING_CACHE})
    set(_foam_cache "$ENV{DRAFTING_CACHE}")
  else()
    set(_foam_cache "$ENV{HOME}/.cache/drafting")
  endif()
  set(OpenFOAM_SOURCE_DIR "${_foam_cache}/openfoam-src" CACHE PATH "OpenFOAM v1912 source tree with lnInclude folders")
endif()

find_library(OpenFOAM_CORE_LIBRARY NAMES OpenFOAM PATHS /usr/lib /usr/lib/openfoam NO_DEFAULT_PATH)
find_path(OpenFOAM_CORE_INCLUDE NAMES fvCFD.H PATHS "${OpenFOAM_SOURCE_DIR}/src/finiteVolume/lnInclude" NO_DEFAULT_PATH)
find_path(OpenFOAM_PROJECT_DIR NAMES etc/controlDict PATHS /usr/share/openfoam NO_DEFAULT_PATH)

set(OpenFOAM_VERSION "unknown")
if(OpenFOAM_PROJECT_DIR AND EXISTS "${OpenFOAM_PROJECT_DIR}/etc/bashrc")
  file(STRINGS "${OpenFOAM_PROJECT_DIR}/etc/bashrc" _foam_version_line REGEX "^export WM_PROJECT_VERSION=[A-Za-z0-9._+-]+$")
  if(_foam_version_line)
    string(REGEX REPLACE "^export WM_PROJECT_VERSION=" "" OpenFOAM_VERSION "${_foam_version_line}")
  endif()
  # Read again when OpenFOAM is upgraded, not only on a fresh configure.
  set_property(DIRECTORY "${CMAKE_SOURCE_DIR}" APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${OpenFOAM_PROJECT_DIR}/etc/bashrc")
endif()

include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(OpenFOAM
  REQUIRED_VARS OpenFOAM_CORE_LIBRARY OpenFOAM_CORE_INCLUDE OpenFOAM_PROJECT_DIR
  REASON_FAILURE_MESSAGE "run scripts/setup-deps.sh first (installs openfoam and unpacks its headers)")

if(OpenFOAM_FOUND AND NOT TARGET OpenFOAM::OpenFOAM)
  get_filename_component(OpenFOAM_LIBRARY_DIR "${OpenFOAM_CORE_LIBRARY}" DIRECTORY)
  set(_src "${OpenFOAM_SOURCE_DIR}/src")

  # openfoam_import(<name> <library file stem> <include dirs relative to src/> DEPENDS <targets>)
  function(openfoam_import name libstem)
    cmake_parse_arguments(ARG "" "" "INCLUDES;DEPENDS" ${ARGN})
    find_library(_lib_${name} NAMES ${libstem} PATHS "${OpenFOAM_LIBRARY_DIR}" NO_DEFAULT_PATH)
    if(NOT _lib_${name})
      message(FATAL_ERROR "OpenFOAM library lib${libstem}.so not found in ${OpenFOAM_LIBRARY_DIR}")
    endif()
    add_library(OpenFOAM::${name} SHARED IMPORTED)
    set(_incs "")
    foreach(_inc IN LISTS ARG_INCLUDES)
      list(APPEND _incs "${_src}/${_inc}")
    endforeach()
    set_target_properties(OpenFOAM::${name} PROPERTIES
      IMPORTED_LOCATION "${_lib_${name}}"
      INTERFACE_INCLUDE_DIRECTORIES "${_incs}"
      INTERFACE_LINK_LIBRARIES "${ARG_DEPENDS}")
  endfunction()

  openfoam_import(OpenFOAM OpenFOAM INCLUDES OpenFOAM/lnInclude OSspecific/POSIX/lnInclude)
  # Flags of Debian's build: double precision, 32-bit labels, no template repository.
  set_property(TARGET OpenFOAM::OpenFOAM APPEND PROPERTY INTERFACE_COMPILE_DEFINITIONS
    WM_DP WM_LABEL_SIZE=32 NoRepository OPENFOAM=1912)
  set_property(TARGET OpenFOAM::OpenFOAM APPEND PROPERTY INTERFACE_COMPILE_OPTIONS
    -ftemplate-depth-100 -Wno-attributes -Wno-deprecated-declarations)
  # Libraries are pulled in by run-time selection tables, not by symbols: --no-as-needed keeps them.
  set_property(TARGET OpenFOAM::OpenFOAM APPEND PROPERTY INTERFACE_LINK_OPTIONS
    "LINKER:--add-needed" "LINKER:--no-as-needed")
  set_property(TARGET OpenFOAM::OpenFOAM APPEND PROPERTY INTERFACE_LINK_LIBRARIES ${CMAKE_DL_LIBS} m)

  openfoam_import(fileFormats fileFormats INCLUDES fileFormats/lnInclude DEPENDS OpenFOAM::OpenFOAM)
  openfoam_import(surfMesh surfMesh INCLUDES surfMesh/lnInclude DEPENDS OpenFOAM::fileFormats)
  openfoam_import(meshTools meshTools INCLUDES meshTools/lnInclude DEPENDS OpenFOAM::surfMesh)
  openfoam_import(finiteVolume finiteVolume INCLUDES finiteVolume/lnInclude DEPENDS OpenFOAM::meshTools)
  openfoam_import(fvOptions fvOptions INCLUDES fvOptions/lnInclude DEPENDS OpenFOAM::finiteVolume)
  openfoam_import(sampling sampling INCLUDES sampling/lnInclude DEPENDS OpenFOAM::finiteVolume)
  openfoam_import(incompressibleTransportModels incompressibleTransportModels
    INCLUDES transportModels transportModels/incompressible/singlePhaseTransportModel
             transportModels/incompressible/lnInclude
    DEPENDS OpenFOAM::finiteVolume)
  openfoam_import(turbulenceModels turbulenceModels
    INCLUDES TurbulenceModels/turbulenceModels/lnInclude DEPENDS OpenFOAM::finiteVolume)
  openfoam_import(incompressibleTurbulenceModels incompressibleTurbulenceModels
    INCLUDES TurbulenceModels/incompressible/lnInclude
    DEPENDS OpenFOAM::turbulenceModels OpenFOAM::incompressibleTransportModels)
  openfoam_import(atmosphericModels atmosphericModels INCLUDES atmosphericModels/lnInclude
    DEPENDS OpenFOAM::incompressibleTurbulenceModels)
  openfoam_import(forces forces INCLUDES functionObjects/forces/lnInclude DEPENDS OpenFOAM::finiteVolume)
endif()
