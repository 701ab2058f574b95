// JsonTest: the JSON reader accepts what the spec testsuite writes (escapes, surrogate pairs,
// 64-bit numbers as text) and rejects malformed input with a line:column error, never crashing.
#include "support/Json.h"

#include <gtest/gtest.h>

#include <string>

using namespace wasmaot::json;

namespace {

Value parseOk(std::string_view text) {
  Value v;
  Error e;
  EXPECT_TRUE(parse(text, v, e)) << text << " -> " << e.str();
  return v;
}

Error parseFail(std::string_view text) {
  Value v;
  Error e;
  EXPECT_FALSE(parse(text, v, e)) << text;
  return e;
}

} // namespace

TEST(Json, Scalars) {
  EXPECT_EQ(parseOk("null").kind, Kind::Null);
  Value t = parseOk(" true ");
  EXPECT_EQ(t.kind, Kind::Bool);
  EXPECT_TRUE(t.boolean);
  Value f = parseOk("false");
  EXPECT_EQ(f.kind, Kind::Bool);
  EXPECT_FALSE(f.boolean);
  Value s = parseOk("\"abc\"");
  EXPECT_EQ(s.kind, Kind::String);
  EXPECT_EQ(s.text, "abc");
}

TEST(Json, NumbersKeepTheirText) {
  EXPECT_EQ(parseOk("18446744073709551615").text, "18446744073709551615");
  EXPECT_EQ(parseOk("-0").text, "-0");
  EXPECT_EQ(parseOk("1.5e-3").text, "1.5e-3");
  EXPECT_EQ(parseOk("2E+10").text, "2E+10");
  for (const char *bad : {"01", "-", "1.", ".5", "1e", "+1", "0x10"})
    parseFail(bad);
}

TEST(Json, ParseInt) {
  int64_t v = 0;
  EXPECT_TRUE(parseInt("42", v));
  EXPECT_EQ(v, 42);
  EXPECT_TRUE(parseInt("-9223372036854775808", v));
  EXPECT_EQ(v, INT64_MIN);
  EXPECT_TRUE(parseInt("9223372036854775807", v));
  EXPECT_EQ(v, INT64_MAX);
  EXPECT_FALSE(parseInt("9223372036854775808", v));
  EXPECT_FALSE(parseInt("99999999999999999999999", v));
  EXPECT_FALSE(parseInt("1.0", v));
  EXPECT_FALSE(parseInt("", v));
  EXPECT_FALSE(parseInt("-", v));
}

TEST(Json, Escapes) {
  EXPECT_EQ(parseOk(R"("a\"b\\c\/d\b\f\n\r\t")").text, "a\"b\\c/d\b\f\n\r\t");
  EXPECT_EQ(parseOk(R"("\u0000")").text, std::string(1, '\0'));
  EXPECT_EQ(parseOk(R"("\u00e9")").text, "\xc3\xa9");
  EXPECT_EQ(parseOk(R"("\u20AC")").text, "\xe2\x82\xac");
  // U+1F600 as a surrogate pair.
  EXPECT_EQ(parseOk(R"("\ud83d\ude00")").text, "\xf0\x9f\x98\x80");
  // U+10FFFF, the highest code point.
  EXPECT_EQ(parseOk(R"("\udbff\udfff")").text, "\xf4\x8f\xbf\xbf");
  // Raw UTF-8 passes through unchanged.
  EXPECT_EQ(parseOk("\"\xe2\x82\xac\"").text, "\xe2\x82\xac");
}

TEST(Json, BadEscapes) {
  EXPECT_NE(parseFail(R"("\ud83d")").message.find("surrogate"), std::string::npos);
  EXPECT_NE(parseFail(R"("\ud83dx")").message.find("surrogate"), std::string::npos);
  EXPECT_NE(parseFail(R"("\ud83d\u0041")").message.find("surrogate"), std::string::npos);
  EXPECT_NE(parseFail(R"("\ude00")").message.find("surrogate"), std::string::npos);
  parseFail(R"("\u12")");
  parseFail(R"("\u12G4")");
  parseFail(R"("\x41")");
  parseFail("\"a\nb\"");
  parseFail("\"abc");
  parseFail("\"abc\\");
}

TEST(Json, ArraysAndObjects) {
  Value v = parseOk(R"({"type": "module", "line": 3, "args": [1, "x", [], {}], "n": null})");
  ASSERT_TRUE(v.isObject());
  ASSERT_EQ(v.members.size(), 4u);
  EXPECT_EQ(v.members[0].name, "type");
  ASSERT_NE(v.getString("type"), nullptr);
  EXPECT_EQ(*v.getString("type"), "module");
  int64_t line = 0;
  EXPECT_TRUE(v.getInt("line", line));
  EXPECT_EQ(line, 3);
  EXPECT_FALSE(v.getInt("type", line));
  EXPECT_EQ(v.getString("line"), nullptr);
  EXPECT_EQ(v.get("missing"), nullptr);
  const Value *args = v.get("args");
  ASSERT_NE(args, nullptr);
  ASSERT_TRUE(args->isArray());
  ASSERT_EQ(args->items.size(), 4u);
  EXPECT_EQ(args->items[1].text, "x");
  EXPECT_TRUE(args->items[2].isArray());
  EXPECT_TRUE(args->items[3].isObject());
  EXPECT_TRUE(v.get("n")->isNull());
  EXPECT_EQ(args->get("type"), nullptr); // get on a non-object
}

TEST(Json, ErrorsCarryLineAndColumn) {
  Error e = parseFail("{\n  \"a\": 1,\n  \"b\" 2\n}");
  EXPECT_EQ(e.line, 3u);
  EXPECT_EQ(e.column, 7u);
  EXPECT_EQ(e.str().substr(0, 4), "3:7:");

  e = parseFail("[1, 2");
  EXPECT_EQ(e.line, 1u);
  EXPECT_EQ(e.column, 6u);

  e = parseFail(R"(["ok", "\ud800"])");
  EXPECT_EQ(e.line, 1u);
  EXPECT_EQ(e.column, 9u); // the escape's backslash
}

TEST(Json, RejectsMalformedDocuments) {
  for (const char *bad : {"", "   ", "[", "]", "{", "{\"a\"}", "{\"a\":}", "{a:1}", "[1,]", "{\"a\":1,}",
                          "[1 2]", "tru", "nul", "True", "[] []", "\"a\" x", "{\"a\":1}}"})
    parseFail(bad);
}

TEST(Json, DeepNestingIsAnErrorNotACrash) {
  std::string deep(100000, '[');
  Error e = parseFail(deep);
  EXPECT_NE(e.message.find("nesting"), std::string::npos);

  std::string ok = std::string(kMaxDepth, '[') + std::string(kMaxDepth, ']');
  parseOk(ok);
  std::string tooDeep = std::string(kMaxDepth + 1, '[') + std::string(kMaxDepth + 1, ']');
  parseFail(tooDeep);
}

TEST(Json, EmbeddedNulIsAControlCharacter) {
  parseFail(std::string_view("\"a\0b\"", 5));
  parseFail(std::string_view("[1]\0", 4));
}
