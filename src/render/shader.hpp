// GLSL programs from the bodies in shaders/ (embedded at build time); the platform's
// #version line and precision are prepended here so one source serves WebGL2 and GL 3.3.
#pragma once

#include <string>

#include "render/gl.hpp"

const char* shader_source(const char* name);  // generated from shaders/ (nullptr if unknown)

namespace render {

class Program {
 public:
  Program() = default;
  Program(const Program&) = delete;
  Program& operator=(const Program&) = delete;
  ~Program();
  // Compiles and links shaders/<vert> and shaders/<frag>; on failure returns false and sets error().
  bool build(const char* vert, const char* frag);
  GLuint id() const { return id_; }
  const std::string& error() const { return error_; }

 private:
  GLuint id_ = 0;
  std::string error_;
};

const char* glsl_prelude();

}  // namespace render
