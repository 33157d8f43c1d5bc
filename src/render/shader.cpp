#include "render/shader.hpp"

#include <string>

namespace render {

const char* glsl_prelude() {
#ifdef __EMSCRIPTEN__
  return "#version 300 es\nprecision highp float;\n";
#else
  return "#version 330 core\n";
#endif
}

namespace {

GLuint compile(GLenum stage, const char* name, std::string& error) {
  const char* body = shader_source(name);
  if (!body) {
    error = std::string("unknown shader ") + name;
    return 0;
  }
  const char* parts[2] = {glsl_prelude(), body};
  GLuint s = glCreateShader(stage);
  glShaderSource(s, 2, parts, nullptr);
  glCompileShader(s);
  GLint ok = 0;
  glGetShaderiv(s, GL_COMPILE_STATUS, &ok);
  if (!ok) {
    char log[1024] = {0};
    glGetShaderInfoLog(s, sizeof log, nullptr, log);
    error = std::string(name) + ": " + log;
    glDeleteShader(s);
    return 0;
  }
  return s;
}

}  // namespace

Program::~Program() {
  if (id_) glDeleteProgram(id_);
}

bool Program::build(const char* vert, const char* frag) {
  GLuint v = compile(GL_VERTEX_SHADER, vert, error_);
  if (!v) return false;
  GLuint f = compile(GL_FRAGMENT_SHADER, frag, error_);
  if (!f) {
    glDeleteShader(v);
    return false;
  }
  id_ = glCreateProgram();
  glAttachShader(id_, v);
  glAttachShader(id_, f);
  glLinkProgram(id_);
  glDeleteShader(v);
  glDeleteShader(f);
  GLint ok = 0;
  glGetProgramiv(id_, GL_LINK_STATUS, &ok);
  if (!ok) {
    char log[1024] = {0};
    glGetProgramInfoLog(id_, sizeof log, nullptr, log);
    error_ = std::string("link: ") + log;
    glDeleteProgram(id_);
    id_ = 0;
    return false;
  }
  return true;
}

}  // namespace render
