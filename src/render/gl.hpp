// The only place that includes OpenGL headers: OpenGL ES 3.0 (WebGL2) on the web,
// OpenGL 3.3 core on the desktop (entry points exported by the system libGL).
#pragma once

#ifdef __EMSCRIPTEN__
#include <GLES3/gl3.h>
#else
#ifndef GL_GLEXT_PROTOTYPES
#define GL_GLEXT_PROTOTYPES 1
#endif
#include <GL/gl.h>
#include <GL/glext.h>
#endif

namespace render {

// Checks that the current context offers what the shaders need (GL ≥ 3.3 or WebGL2).
bool load_gl();

}  // namespace render
