# Subsets the TTF to the ranges the UI draws (760 KB -> ~80 KB); copies it whole without fontTools.
execute_process(COMMAND ${PY} -m fontTools.subset ${IN}
  "--unicodes=U+0020-017F,U+0370-03FF,U+1D00-1DBF,U+1E00-1EFF,U+2000-206F,U+2070-209F,U+2100-214F,U+2190-21FF,U+2200-22FF,U+2300-23FF,U+25A0-25FF,U+27C0-27EF"
  --no-hinting --layout-features= --output-file=${OUT} RESULT_VARIABLE _rc ERROR_QUIET)
if(NOT _rc EQUAL 0)
  message(WARNING "fontTools unavailable: embedding the whole font")
  file(COPY_FILE ${IN} ${OUT})
endif()
