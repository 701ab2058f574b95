# wasmaot_rules(TARGET <target> PRELUDE <file> RULES <files...> OUTPUT_NAME <name>
#               [NAMESPACE <c++ namespace>])
#
# Compiles instruction-selection rule files (docs/rules.md) into C++ matchers at
# build time with wasmaot-rulec and adds the generated <name>.cpp and <name>.h to
# <target>. The files are written to ${CMAKE_CURRENT_BINARY_DIR}/rules/, which is
# added to the target's include path, so code says #include "<name>.h".
# The generated context class is <name>Context and the rule enum <name>Rule.
# They are regenerated when the rule compiler or any rule file changes. Rule
# files are passed relative to the source root, so the output does not depend
# on where the tree is checked out.
function(wasmaot_rules)
  cmake_parse_arguments(ARG "" "TARGET;PRELUDE;OUTPUT_NAME;NAMESPACE" "RULES" ${ARGN})
  if(NOT ARG_TARGET OR NOT ARG_PRELUDE OR NOT ARG_OUTPUT_NAME)
    message(FATAL_ERROR "wasmaot_rules: TARGET, PRELUDE and OUTPUT_NAME are required")
  endif()
  if(ARG_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "wasmaot_rules: unexpected arguments: ${ARG_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT ARG_NAMESPACE)
    set(ARG_NAMESPACE "wasmaot::rules")
  endif()
  set(inputs)
  set(relative)
  foreach(file IN LISTS ARG_PRELUDE ARG_RULES)
    get_filename_component(abs "${file}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
    file(RELATIVE_PATH rel "${PROJECT_SOURCE_DIR}" "${abs}")
    list(APPEND inputs "${abs}")
    list(APPEND relative "${rel}")
  endforeach()
  set(out_dir "${CMAKE_CURRENT_BINARY_DIR}/rules")
  set(cpp "${out_dir}/${ARG_OUTPUT_NAME}.cpp")
  set(hdr "${out_dir}/${ARG_OUTPUT_NAME}.h")
  file(MAKE_DIRECTORY "${out_dir}")
  add_custom_command(
    OUTPUT "${cpp}" "${hdr}"
    COMMAND wasmaot-rulec --emit-cpp --name ${ARG_OUTPUT_NAME} --namespace ${ARG_NAMESPACE}
            -o "${cpp}" ${relative}
    DEPENDS wasmaot-rulec ${inputs}
    WORKING_DIRECTORY "${PROJECT_SOURCE_DIR}"
    COMMENT "Compiling instruction-selection rules ${ARG_OUTPUT_NAME}"
    VERBATIM)
  target_sources(${ARG_TARGET} PRIVATE "${cpp}" "${hdr}")
  target_include_directories(${ARG_TARGET} PRIVATE "${out_dir}")
endfunction()
