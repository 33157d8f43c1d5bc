# The layering of src/ (docs/layout.md): which of our folders, and which platform headers, each folder
# may include. Fails on any #include that breaks it. Run as: cmake -DSRC=<src> -P CheckLayering.cmake
#
#   folder        our folders it may include            platform headers it must not include
#   core/util     core (root), core/util                 ImGui, GL, GLFW, Emscripten
#   core/linalg   + core/linalg                          "
#   core/models   + core/models, core/ntk                "
#   core/ntk      + core/models, core/ntk                "
#   core/flow     all of core                            "
#   ui            core, ui                               GL, GLFW, Emscripten (figures run headless)
#   render        core, ui, render                       GLFW, Emscripten (draws what ui describes)
#   app           core, ui, render, app                  Emscripten
#   web           core, ui, render, app, web             —
#   bench         core, bench                            ImGui, GL, GLFW
#   cli           core, bench (the reference workloads), cli   ImGui, GL, GLFW, Emscripten
#   tools         core, ui, tools (build-time generators)  GL, GLFW, Emscripten
cmake_policy(SET CMP0057 NEW)  # if(IN_LIST)
set(_ours "core|ui|render|app|web|bench|cli|tools")
set(_rules
  "core/util=core/util"
  "core/linalg=core/util|core/linalg"
  "core/models=core/util|core/linalg|core/models|core/ntk"
  "core/ntk=core/util|core/linalg|core/models|core/ntk"
  "core/flow=core/[a-z]+"
  "core=core"
  "ui=core|ui"
  "render=core|ui|render"
  "app=core|ui|render|app"
  "web=core|ui|render|app|web"
  "bench=core|bench"
  "cli=core|bench|cli"
  "tools=core|ui|tools")
set(_platform_imgui "imgui[a-z_0-9]*\\.h|implot")
set(_platform_gl "GL/|GLES[0-9]*/")
set(_platform_glfw "GLFW/")
set(_platform_em "emscripten[/.]")
set(_forbid_core "${_platform_imgui}|${_platform_gl}|${_platform_glfw}|${_platform_em}")
set(_forbid_ui "${_platform_gl}|${_platform_glfw}|${_platform_em}")
set(_forbid_render "${_platform_glfw}|${_platform_em}")
set(_forbid_app "${_platform_em}")
set(_forbid_web "")
set(_forbid_bench "${_platform_imgui}|${_platform_gl}|${_platform_glfw}")
set(_forbid_cli "${_forbid_core}")
set(_forbid_tools "${_forbid_ui}")
# Files not checked (each with its reason).
set(_exceptions "")

set(_bad "")
set(_n 0)
# A folder without a rule would go unchecked: every folder of src/ and of src/core/ needs one.
set(_ruled "")
foreach(_rule ${_rules})
  string(REGEX MATCH "^[^=]+" _f "${_rule}")
  list(APPEND _ruled "${_f}")
endforeach()
file(GLOB _dirs LIST_DIRECTORIES true RELATIVE "${SRC}" "${SRC}/*" "${SRC}/core/*")
foreach(_d ${_dirs})
  if(IS_DIRECTORY "${SRC}/${_d}" AND NOT _d IN_LIST _ruled)
    list(APPEND _bad "${_d}/: no layering rule (add one here and in docs/layout.md)")
  endif()
endforeach()
foreach(_rule ${_rules})
  string(REGEX MATCH "^([^=]+)=(.*)$" _m "${_rule}")
  set(_folder "${CMAKE_MATCH_1}")
  set(_allowed "${CMAKE_MATCH_2}")
  string(REGEX MATCH "^[a-z]+" _top "${_folder}")
  file(GLOB_RECURSE _files "${SRC}/${_folder}/*.hpp" "${SRC}/${_folder}/*.cpp" "${SRC}/${_folder}/*.h" "${SRC}/${_folder}/*.inc")
  if(_folder STREQUAL "core")  # core's root: the files directly in src/core
    file(GLOB _files "${SRC}/core/*.hpp" "${SRC}/core/*.cpp" "${SRC}/core/*.h" "${SRC}/core/*.inc")
  endif()
  if(NOT _files)
    list(APPEND _bad "no files in ${_folder}/")
  endif()
  foreach(_f ${_files})
    file(RELATIVE_PATH _rel "${SRC}" "${_f}")
    if(_rel IN_LIST _exceptions)
      continue()
    endif()
    math(EXPR _n "${_n} + 1")
    file(STRINGS "${_f}" _lines REGEX "^[ \t]*#[ \t]*include[ \t]*[<\"]")
    foreach(_l ${_lines})
      string(REGEX MATCH "[<\"]([^>\"]+)[>\"]" _m "${_l}")
      set(_inc "${CMAKE_MATCH_1}")
      if(_inc MATCHES "^(${_ours})/")
        # core's root headers (types.hpp, status.hpp) are "core" for this purpose
        set(_target "${_inc}")
        if(_inc MATCHES "^core/[^/]+$")
          set(_ok_root TRUE)
        else()
          set(_ok_root FALSE)
        endif()
        if(_folder MATCHES "^core" AND _ok_root)
          continue()
        endif()
        if(NOT _inc MATCHES "^(${_allowed})/")
          list(APPEND _bad "${_rel}: ${_inc} (${_folder} may include ${_allowed})")
        endif()
      elseif(_forbid_${_top} AND _inc MATCHES "^(${_forbid_${_top}})")
        list(APPEND _bad "${_rel}: <${_inc}> (platform header not allowed in ${_top}/)")
      endif()
    endforeach()
  endforeach()
endforeach()
if(_bad)
  string(REPLACE ";" "\n  " _msg "${_bad}")
  message(FATAL_ERROR "layering violations (docs/layout.md):\n  ${_msg}")
endif()
message(STATUS "layering ok (${_n} files)")
