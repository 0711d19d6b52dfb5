#include "engine/plan.hpp"

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "core/root.hpp"

namespace sndoctor {
namespace {

TEST(UnifiedDiff, NewFileAgainstDevNull) {
    EXPECT_EQ(unified_diff("/etc/x.conf", std::nullopt, "a\nb\n"),
              "--- /dev/null\n+++ b/etc/x.conf\n@@ -0,0 +1,2 @@\n+a\n+b\n");
}

TEST(UnifiedDiff, OneChangedLineWithContext) {
    std::string before = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
    std::string after = "1\n2\n3\n4\n# 5\n6\n7\n8\n9\n";
    EXPECT_EQ(unified_diff("/f", before, after),
              "--- a/f\n+++ b/f\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+# 5\n 6\n 7\n 8\n");
}

TEST(UnifiedDiff, FarApartChangesMakeTwoHunks) {
    std::string before, after;
    for (int i = 1; i <= 30; ++i) {
        before += std::to_string(i) + "\n";
        after += (i == 2 || i == 28 ? "x" : "") + std::to_string(i) + "\n";
    }
    std::string diff = unified_diff("/f", before, after);
    EXPECT_NE(diff.find("@@ -1,5 +1,5 @@"), std::string::npos) << diff;
    EXPECT_NE(diff.find("@@ -25,6 +25,6 @@"), std::string::npos) << diff;
}

TEST(UnifiedDiff, NothingChangedIsEmpty) {
    EXPECT_EQ(unified_diff("/f", "a\n", "a\n"), "");
}

TEST(PlanBuilder, EditsChainWithinOnePlan) {
    MemoryRoot root("t");
    root.add_file("/etc/modprobe.d/alsa.conf",
                  "options snd-virmidi index=0\noptions snd-hda-intel index=0");
    Plan plan;
    PlanBuilder builder(root, plan);
    builder.comment_out_line("/etc/modprobe.d/alsa.conf", 1, "# disabled by sndoctor: ", "disable");
    builder.append_line("/etc/modprobe.d/alsa.conf", "# end", "append");
    ASSERT_EQ(plan.operations.size(), 2u);
    EXPECT_EQ(plan.operations[0].before.value(),
              "options snd-virmidi index=0\noptions snd-hda-intel index=0");
    EXPECT_EQ(plan.operations[0].after,
              "# disabled by sndoctor: options snd-virmidi index=0\noptions snd-hda-intel index=0");
    EXPECT_EQ(plan.operations[1].before.value(), plan.operations[0].after);
    EXPECT_EQ(plan.operations[1].after, plan.operations[0].after + "\n# end\n");
}

TEST(PlanBuilder, ALaterPlanSeesTheEditsOfAnEarlierOne) {
    MemoryRoot root("t");
    std::vector<Plan> plans(1);
    PlanBuilder first(root, plans[0]);
    first.write_file("/etc/modprobe.d/50-sndoctor.conf", "options snd-virmidi index=-2\n", "w");
    Plan second;
    PlanBuilder builder(root, second, &plans);
    EXPECT_EQ(builder.current("/etc/modprobe.d/50-sndoctor.conf").value(),
              "options snd-virmidi index=-2\n");
    builder.append_line("/etc/modprobe.d/50-sndoctor.conf", "options snd-hda-intel index=0", "a");
    EXPECT_EQ(second.operations[0].before.value(), "options snd-virmidi index=-2\n");
    EXPECT_EQ(second.operations[0].after,
              "options snd-virmidi index=-2\noptions snd-hda-intel index=0\n");
}

TEST(PlanBuilder, CommentingOutALineThatIsNotThereIsAnError) {
    MemoryRoot root("t");
    root.add_file("/f", "one\n");
    Plan plan;
    PlanBuilder builder(root, plan);
    EXPECT_THROW(builder.comment_out_line("/f", 5, "# ", "x"), InputError);
    EXPECT_THROW(builder.comment_out_line("/missing", 1, "# ", "x"), InputError);
}

TEST(DescribePlan, ShowsEveryStepAndTheManualOnes) {
    MemoryRoot root("t");
    Plan plan{.fix_id = "x.fix", .check_id = "x.check", .title = "Fix x"};
    PlanBuilder builder(root, plan);
    builder.write_file("/etc/new.conf", "line\n", "Write the new file");
    builder.move_aside("/lib/modules/6.1/updates/snd.ko", "Move the stale module away");
    builder.make_link("/usr/src/linux", "linux-6.1", "Point the link");
    builder.run_command({"depmod", "6.1"}, {}, "Rebuild the module index");
    plan.manual_steps.push_back("emerge --unmerge media-sound/alsa-driver");
    std::string text = describe_plan(plan);
    EXPECT_NE(text.find("Fix x (x.fix)"), std::string::npos);
    EXPECT_NE(text.find("1. Write the new file\n--- /dev/null\n+++ b/etc/new.conf"),
              std::string::npos);
    EXPECT_NE(text.find("move /lib/modules/6.1/updates/snd.ko into the journal"),
              std::string::npos);
    EXPECT_NE(text.find("link /usr/src/linux -> linux-6.1"), std::string::npos);
    EXPECT_NE(text.find("run: depmod 6.1"), std::string::npos);
    EXPECT_NE(text.find("- emerge --unmerge media-sound/alsa-driver"), std::string::npos);
}

}  // namespace
}  // namespace sndoctor
