# Build-time embedding: GLSL bodies from shaders/ and the UI font (DejaVu Sans, subset when
# fontTools is available) become C++ sources, so the web build needs no file system.

# embed_shaders(target "a.frag;b.vert") -> generated source defining
#   const char* shader_source(const char* name)  (nullptr if unknown), name = file name.
function(embed_shaders target shaders)
  set(out "${CMAKE_CURRENT_BINARY_DIR}/embedded_shaders.cpp")
  add_custom_command(OUTPUT "${out}"
    COMMAND ${CMAKE_COMMAND} "-DSHADERS=${shaders}" -DOUT=${out} -P ${CMAKE_SOURCE_DIR}/scripts/cmake/EmbedShadersScript.cmake
    DEPENDS ${shaders} ${CMAKE_SOURCE_DIR}/scripts/cmake/EmbedShadersScript.cmake VERBATIM)
  target_sources(${target} PRIVATE "${out}")
endfunction()

# embed_font(target) -> extern const unsigned char font_ttf[]; extern const std::size_t font_ttf_size;
function(embed_font target)
  set(RQ_FONT "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf" CACHE FILEPATH "TTF to embed")
  set(font "${CMAKE_CURRENT_BINARY_DIR}/DejaVuSans-subset.ttf")
  find_program(PY3 NAMES python3 PATHS /usr/bin NO_DEFAULT_PATH)
  # Latin-1 + Extended-A (Ł), Greek, phonetic super/subscripts (ᵀ), Latin Extended Additional (ḟ), punctuation, super/subscripts, letterlike, arrows, math operators, brackets.
  add_custom_command(OUTPUT "${font}"
    COMMAND ${CMAKE_COMMAND} -DPY=${PY3} -DIN=${RQ_FONT} -DOUT=${font} -P ${CMAKE_SOURCE_DIR}/scripts/cmake/SubsetFont.cmake
    DEPENDS "${RQ_FONT}" ${CMAKE_SOURCE_DIR}/scripts/cmake/SubsetFont.cmake VERBATIM)
  set(out "${CMAKE_CURRENT_BINARY_DIR}/embedded_font.cpp")
  add_custom_command(OUTPUT "${out}"
    COMMAND ${CMAKE_COMMAND} -DIN=${font} -DOUT=${out} -DSYM=font_ttf -P ${CMAKE_SOURCE_DIR}/scripts/cmake/EmbedFileScript.cmake
    DEPENDS "${font}" ${CMAKE_SOURCE_DIR}/scripts/cmake/EmbedFileScript.cmake VERBATIM)
  target_sources(${target} PRIVATE "${out}")
endfunction()
