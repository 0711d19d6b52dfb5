// The text canvas and the text layout the screens use: columns, wide characters, wrapping.
#include "tui/canvas.hpp"

#include <gtest/gtest.h>

#include <clocale>

#include "tui/text_layout.hpp"

namespace sndoctor::ui {
namespace {

class CanvasTest : public ::testing::Test {
  protected:
    // wcwidth knows wide characters only under a UTF-8 locale.
    void SetUp() override { ASSERT_NE(std::setlocale(LC_CTYPE, "C.UTF-8"), nullptr); }
};

TEST_F(CanvasTest, PutsTextAndClipsAtTheEdge) {
    Canvas canvas(10, 2);
    EXPECT_EQ(canvas.put(0, 2, "hello world"), 8);
    EXPECT_EQ(canvas.text(), "  hello wo\n\n");
    EXPECT_EQ(canvas.put(1, 0, "abc", {}, 2), 2);
    EXPECT_EQ(canvas.row_text(1), "ab");
}

TEST_F(CanvasTest, WideCharactersTakeTwoColumnsAndNeverHalf) {
    Canvas canvas(5, 1);
    EXPECT_EQ(canvas.put(0, 0, "日本語"), 4);  // the third would need columns 4 and 5
    EXPECT_TRUE(canvas.at(0, 1).continuation);
    EXPECT_EQ(canvas.row_text(0), "日本");
    EXPECT_EQ(display_width("日本語"), 6);
    EXPECT_EQ(display_width("✓ pass"), 6);
}

TEST_F(CanvasTest, ControlCharactersAndBrokenBytesKeepTheirPlace) {
    Canvas canvas(6, 1);
    canvas.put(0, 0,
               "a\tb\xff"
               "c");
    EXPECT_EQ(canvas.row_text(0), "a b\uFFFDc");
}

TEST_F(CanvasTest, StylesStayWithTheirCells) {
    Canvas canvas(4, 1);
    canvas.fill_row(0, {Role::bar, false, true});
    canvas.put(0, 1, "x", {Role::fail, true, false});
    EXPECT_EQ(canvas.at(0, 0).style, (CellStyle{Role::bar, false, true}));
    EXPECT_EQ(canvas.at(0, 1).style, (CellStyle{Role::fail, true, false}));
}

TEST_F(CanvasTest, WrapBreaksAtBlanksAndInsideWordsOnlyWhenNeeded) {
    EXPECT_EQ(wrap("the quick brown fox", 10),
              (std::vector<std::string>{"the quick", "brown fox"}));
    EXPECT_EQ(wrap("abcdefghij", 4), (std::vector<std::string>{"abcd", "efgh", "ij"}));
    EXPECT_EQ(wrap("one\n\ntwo", 10), (std::vector<std::string>{"one", "", "two"}));
    EXPECT_EQ(wrap("日本語の文", 4), (std::vector<std::string>{"日本", "語の", "文"}));
}

TEST_F(CanvasTest, FitMarksWhatItCut) {
    EXPECT_EQ(fit("short", 10), "short");
    EXPECT_EQ(fit("a long summary", 8), "a long …");
}

}  // namespace
}  // namespace sndoctor::ui
