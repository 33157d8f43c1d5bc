// Scalar field (R32F texture) -> colour. u_map 0: viridis-like (sequential), 1: diverging
// blue-white-red. u_range maps the field to [0,1] (u_log > 0.5: log10 of the field first).
// R32F is not filterable in WebGL2, so the texture is NEAREST and bilinear interpolation is
// done here with texelFetch (exact float precision, same on both platforms).
// u_contours > 0 draws thin iso-lines at t = k/u_contours (anti-aliased with fwidth).
uniform sampler2D u_field;
uniform vec2 u_range;
uniform float u_log;
uniform int u_map;
uniform float u_contours;
in vec2 v_uv;
out vec4 frag_color;

// Polynomial fit of viridis (perceptually uniform), t in [0,1].
vec3 viridis(float t) {
  const vec3 c0 = vec3(0.2777273272234177, 0.005407344544966578, 0.3340998053353061);
  const vec3 c1 = vec3(0.1050930431085774, 1.404613529898575, 1.384590162594685);
  const vec3 c2 = vec3(-0.3308618287255563, 0.214847559468213, 0.09509516302823659);
  const vec3 c3 = vec3(-4.634230498983486, -5.799100973351585, -19.33244095627987);
  const vec3 c4 = vec3(6.228269936347081, 14.17993336680509, 56.69055260068105);
  const vec3 c5 = vec3(4.776384997670288, -13.74514537774601, -65.35303263337234);
  const vec3 c6 = vec3(-5.435455855934631, 4.645852612178535, 26.3124352495832);
  return c0 + t * (c1 + t * (c2 + t * (c3 + t * (c4 + t * (c5 + t * c6)))));
}

vec3 diverging(float t) {
  vec3 blue = vec3(0.230, 0.299, 0.754), white = vec3(0.865, 0.865, 0.865), red = vec3(0.706, 0.016, 0.150);
  return t < 0.5 ? mix(blue, white, t * 2.0) : mix(white, red, t * 2.0 - 1.0);
}

float fetch(ivec2 p, ivec2 size) {
  return texelFetch(u_field, clamp(p, ivec2(0), size - ivec2(1)), 0).r;
}

float mapped(float v) {
  if (u_log > 0.5) v = log(max(v, 1e-30)) / log(10.0);
  return (v - u_range.x) / max(u_range.y - u_range.x, 1e-30);
}

void main() {
  ivec2 size = textureSize(u_field, 0);
  vec2 p = v_uv * vec2(size) - 0.5;
  vec2 fl = floor(p);
  vec2 f = p - fl;
  ivec2 i0 = ivec2(fl);
  float a = fetch(i0, size), b = fetch(i0 + ivec2(1, 0), size);
  float c = fetch(i0 + ivec2(0, 1), size), d = fetch(i0 + ivec2(1, 1), size);
  float v = mix(mix(a, b, f.x), mix(c, d, f.x), f.y);
  float t = mapped(v);
  vec3 col = u_map == 1 ? diverging(clamp(t, 0.0, 1.0)) : viridis(clamp(t, 0.0, 1.0));
  if (u_contours > 0.5) {
    float s = t * u_contours;
    float dist = abs(fract(s - 0.5) - 0.5) / max(fwidth(s), 1e-6);
    float line = 1.0 - clamp(dist, 0.0, 1.0);
    col = mix(col, vec3(1.0), 0.35 * line);
  }
  frag_color = vec4(col, 1.0);
}
