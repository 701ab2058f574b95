// Lexer: splits IR text into tokens with 1-based line:column (used by the Parser).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace wasmaot::ir {

enum class Tok : uint8_t {
  Ident,    ///< [A-Za-z_][A-Za-z0-9_.]*   (opcodes with suffix, vN, blockN, keywords)
  Int,      ///< -?[0-9][0-9A-Za-z_]*      (validated by the parser: decimal or 0x hex)
  Name,     ///< @name or @"quoted" (text holds the decoded name)
  LParen,
  RParen,
  LBrace,
  RBrace,
  LBracket,
  RBracket,
  Comma,
  Colon,
  Equal,
  Arrow,
  Eof,
  Error, ///< text holds the message
};

struct Token {
  Tok kind = Tok::Eof;
  uint32_t line = 1;
  uint32_t column = 1;
  std::string_view text; ///< the token in the source (not for Name and Error)
  std::string decoded;   ///< Name: the decoded name; Error: the message
};

/// Tokenizes all of `src`. The last token is Eof, or Error (and tokenizing stops there).
/// `;` starts a comment to the end of the line.
std::vector<Token> tokenize(std::string_view src);

const char *tokName(Tok t);

} // namespace wasmaot::ir
