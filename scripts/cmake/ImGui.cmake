# Dear ImGui 1.86 from Debian's source archive (scripts/setup.sh puts it in .cache/imgui).
set(IMGUI_DIR "${CMAKE_SOURCE_DIR}/.cache/imgui" CACHE PATH "Dear ImGui source dir")
if(NOT EXISTS "${IMGUI_DIR}/imgui.cpp")
  message(STATUS "ImGui sources missing: fetching Debian's source package into ${IMGUI_DIR}")
  execute_process(COMMAND sh "${CMAKE_SOURCE_DIR}/scripts/fetch-imgui.sh" "${IMGUI_DIR}" RESULT_VARIABLE _rc)
  if(NOT _rc EQUAL 0)
    message(FATAL_ERROR "fetch-imgui.sh failed (${_rc}); run scripts/setup.sh")
  endif()
endif()
add_library(imgui STATIC
  ${IMGUI_DIR}/imgui.cpp ${IMGUI_DIR}/imgui_draw.cpp ${IMGUI_DIR}/imgui_tables.cpp
  ${IMGUI_DIR}/imgui_widgets.cpp
  ${IMGUI_DIR}/backends/imgui_impl_glfw.cpp ${IMGUI_DIR}/backends/imgui_impl_opengl3.cpp)
target_include_directories(imgui SYSTEM PUBLIC ${IMGUI_DIR} ${IMGUI_DIR}/backends)
target_compile_definitions(imgui PUBLIC IMGUI_DISABLE_FILE_FUNCTIONS IMGUI_DISABLE_OBSOLETE_FUNCTIONS)
if(EMSCRIPTEN)
  # 1.86 auto-selects ES2 on Emscripten; force ES3 so WebGL2 and "#version 300 es" are used.
  target_compile_definitions(imgui PUBLIC IMGUI_IMPL_OPENGL_ES3)
  target_link_options(imgui PUBLIC -sUSE_GLFW=3 -sMAX_WEBGL_VERSION=2 -sMIN_WEBGL_VERSION=2)
else()
  find_package(glfw3 3.3 REQUIRED)
  find_package(OpenGL REQUIRED)
  target_link_libraries(imgui PUBLIC glfw OpenGL::GL ${CMAKE_DL_LIBS})
endif()
