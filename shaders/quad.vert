// A screen-space rectangle from two triangles generated from gl_VertexID (no vertex buffer).
// u_rect = (x0, y0, x1, y1) in normalized device coordinates; v_uv spans [0,1]².
uniform vec4 u_rect;
out vec2 v_uv;
void main() {
  vec2 corners[6] = vec2[6](vec2(0.0, 0.0), vec2(1.0, 0.0), vec2(1.0, 1.0),
                            vec2(0.0, 0.0), vec2(1.0, 1.0), vec2(0.0, 1.0));
  vec2 c = corners[gl_VertexID];
  v_uv = c;
  gl_Position = vec4(mix(u_rect.xy, u_rect.zw, c), 0.0, 1.0);
}
