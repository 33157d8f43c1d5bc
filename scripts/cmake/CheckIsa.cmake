# ISA dispatch safety checks (src/core/linalg/isa.hpp, docs/isa-dispatch.md).
#   cmake -DOBJECTS="a.o|b.o" -P CheckIsa.cmake : the per-ISA kernel objects define code (global or weak
#       functions) only under core::v4_fma / core::v8_fma, so the linker can never merge one of their
#       functions with a portable object's copy (an inline or template function compiled with -mavx2).
#   cmake -DBINARY=exe -P CheckIsa.cmake : outside those namespaces no function of the linked program
#       contains a VEX/EVEX instruction (v… mnemonics, ymm/zmm registers): the sse2 path runs anywhere.
find_program(NM_EXE NAMES nm REQUIRED)
find_program(OBJDUMP_EXE NAMES objdump REQUIRED)
set(_isa_ns "6v4_fma|6v8_fma")  # the namespaces in mangled names (_ZN4core6v4_fma…)
if(DEFINED OBJECTS)
  string(REPLACE "|" ";" _objs "${OBJECTS}")
  set(_bad "")
  foreach(_o ${_objs})
    execute_process(COMMAND ${NM_EXE} --defined-only ${_o} OUTPUT_VARIABLE _out RESULT_VARIABLE _rc)
    if(NOT _rc EQUAL 0)
      message(FATAL_ERROR "nm failed on ${_o}")
    endif()
    string(REPLACE "\n" ";" _lines "${_out}")
    set(_n 0)
    foreach(_l ${_lines})
      if(_l MATCHES "^[0-9a-f]* ([TWi]) (.*)$")
        math(EXPR _n "${_n} + 1")
        set(_type "${CMAKE_MATCH_1}")
        set(_sym "${CMAKE_MATCH_2}")
        if(NOT _sym MATCHES "${_isa_ns}")
          string(APPEND _bad "  ${_o}: ${_type} ${_sym}\n")
        endif()
      endif()
    endforeach()
    if(_n EQUAL 0)
      message(FATAL_ERROR "${_o}: no functions found (wrong object?)")
    endif()
    message(STATUS "${_o}: ${_n} global/weak functions")
  endforeach()
  if(_bad)
    message(FATAL_ERROR "per-ISA objects define code outside their ISA namespace (the linker may use it "
                        "for the portable path; see isa_kernels.inc):\n${_bad}")
  endif()
elseif(DEFINED BINARY)
  execute_process(
    COMMAND ${OBJDUMP_EXE} -d --no-show-raw-insn ${BINARY}
    COMMAND awk "/^[0-9a-f]+ <.*>:$/ { fn = $2; skip = (fn ~ /${_isa_ns}/); if (skip) nskip++; next }
                 !skip && /^ *[0-9a-f]+:\t/ { n = split($0, a, \"\\t\"); ins = a[2];
                   if (ins ~ /^v[a-z]/ || ins ~ /%[yz]mm/) { if (bad < 20) print fn \": \" ins; bad++ } }
                 END { print \"ISA-kernel functions skipped: \" nskip \", VEX/EVEX instructions elsewhere: \" bad + 0;
                       exit (bad > 0 || nskip == 0) }"
    OUTPUT_VARIABLE _out RESULT_VARIABLE _rc)
  message(STATUS "${_out}")
  if(NOT _rc EQUAL 0)
    message(FATAL_ERROR "${BINARY}: VEX/EVEX instructions outside the AVX2/AVX-512 kernels (or none found)")
  endif()
else()
  message(FATAL_ERROR "CheckIsa.cmake: pass -DOBJECTS=… or -DBINARY=…")
endif()
