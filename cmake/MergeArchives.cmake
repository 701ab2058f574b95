# Merges static archives with the archiver's MRI script mode (`ar -M`), used
# for libwasmaot-rt.a (lib/CMakeLists.txt). Members keep their names, so two
# layers may each have an Error.cpp.o. Arguments: -DAR=<ar> -DSCRIPT=<file.mri>.
execute_process(COMMAND ${AR} -M INPUT_FILE ${SCRIPT} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${AR} -M ${SCRIPT} failed: ${rc}")
endif()
