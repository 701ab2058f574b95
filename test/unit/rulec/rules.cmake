# The toy rule set of RuleMatcherTest: compiled by wasmaot-rulec into the unit
# test binary through the same CMake function the ISAs use.
include(${PROJECT_SOURCE_DIR}/cmake/WasmaotRules.cmake)
wasmaot_rules(TARGET wasmaot-unittests
              PRELUDE ${PROJECT_SOURCE_DIR}/tools/rulec/prelude/ir.rules
              RULES ${CMAKE_CURRENT_LIST_DIR}/toy.rules
              OUTPUT_NAME ToyRules
              NAMESPACE wasmaot::toy)
target_include_directories(wasmaot-unittests PRIVATE ${CMAKE_CURRENT_LIST_DIR})
