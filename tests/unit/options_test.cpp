#include "cli/options.hpp"

#include <gtest/gtest.h>

namespace sndoctor::cli {
namespace {

TEST(Options, ParsesTheCheckCommand) {
    auto options = parse_options({"check", "--root", "/fx", "--user=alex", "--only", "a.b,c.d",
                                  "--only", "e.f", "--json", "-v"});
    EXPECT_EQ(options.command, Command::check);
    EXPECT_EQ(options.root.value(), "/fx");
    EXPECT_EQ(options.user, "alex");
    EXPECT_EQ(options.only, (std::vector<std::string>{"a.b", "c.d", "e.f"}));
    EXPECT_TRUE(options.json);
    EXPECT_TRUE(options.verbose);
}

TEST(Options, UsageErrors) {
    EXPECT_THROW(parse_options({"check", "--root"}), UsageError);
    EXPECT_THROW(parse_options({"frobnicate"}), UsageError);
    EXPECT_THROW(parse_options({"check", "--bogus"}), UsageError);
    EXPECT_THROW(parse_options({"--root", "/a", "--demo"}), UsageError);
    EXPECT_THROW(parse_options({"check", "extra"}), UsageError);
    EXPECT_THROW(parse_options({"--json=yes"}), UsageError);
    EXPECT_EQ(parse_options({}).command, Command::assistant);
    EXPECT_EQ(parse_options({"explain", "a.b"}).arguments.front(), "a.b");
}

}  // namespace
}  // namespace sndoctor::cli
