#include "test_workspace.hpp"

#include <fstream>
#include "tui/render.hpp"

namespace sndoctor::testing {

namespace {

/// A disk that reads the tree but may write nothing: how a fix meets a user without root.
class ReadOnlyDisk : public Disk {
  public:
    explicit ReadOnlyDisk(std::unique_ptr<Disk> disk) : m_disk(std::move(disk)) {}
    std::string origin() const override { return m_disk->origin(); }
    FileState state(std::string_view path) const override { return m_disk->state(path); }
    std::optional<std::string> read(std::string_view path) const override {
        return m_disk->read(path);
    }
    std::vector<std::string> list(std::string_view path) const override {
        return m_disk->list(path);
    }
    void write_atomic(std::string_view path, std::string_view, const FileState&) override {
        refuse(path);
    }
    void symlink_atomic(std::string_view, std::string_view path) override { refuse(path); }
    void make_dirs(std::string_view path) override { refuse(path); }
    void remove_empty_dir(std::string_view path) override { refuse(path); }
    void remove_journal_file(std::string_view path) override { refuse(path); }
    void rename(std::string_view from, std::string_view) override { refuse(from); }
    void apply_meta(std::string_view path, const FileState&) override { refuse(path); }
    bool can_write(std::string_view) const override { return false; }

  private:
    [[noreturn]] static void refuse(std::string_view path) {
        throw WriteError(std::string(path), "read-only in this test");
    }
    std::unique_ptr<Disk> m_disk;
};

}  // namespace

ui::Workspace workspace_for(const std::filesystem::path& root, const std::string& user,
                            Privileges privileges, const std::filesystem::path& report_dir) {
    ui::Workspace ws;
    ws.root = root.string();
    ws.source = RootSource::dir;
    ws.open_root = [dir = root.string()] { return open_dir_root(dir, RootSource::dir); };
    ws.open_disk = [dir = root.string(), privileges]() -> std::unique_ptr<Disk> {
        auto disk = open_disk(dir, RootSource::dir);
        if (privileges == Privileges::read_only)
            return std::make_unique<ReadOnlyDisk>(std::move(disk));
        return disk;
    };
    ws.environment = [user] {
        Environment env;
        env.user = user;
        env.user_source = UserSource::option;
        env.now = 1763700000;  // 2025-11-21: journal ids and times the test can predict
        return env;
    };
    ws.as_root_command = [dir = root.string()](const std::string& command) {
        return "sudo sndoctor " + command + " --root " + dir;
    };
    ws.export_report = [report_dir] {
        auto file = report_dir / "report.txt";
        std::ofstream(file) << "report\n";
        return std::vector<std::string>{file.string()};
    };
    return ws;
}

bool select(ui::AppModel& model, const std::string& id) {
    model.handle({ui::KeyCode::home});
    for (std::size_t i = 0; i < model.results().size() && model.selected() != id; ++i)
        model.handle({ui::KeyCode::down});
    return model.selected() == id;
}

void type(ui::AppModel& model, const std::string& keys) {
    for (char c : keys)
        if (model.handle(ui::Key::character(static_cast<char32_t>(c))) ==
            ui::Reaction::work_after_draw)
            model.do_pending_work();  // as the assistant's loop does, after drawing
}

std::string screen(const ui::AppModel& model, bool utf8) {
    ui::Canvas canvas(model.width(), model.height());
    ui::render(model, canvas, {utf8});
    return canvas.text();
}

std::string page_text(const ui::Page& page) {
    std::string text;
    for (const auto& line : page.lines)
        text += line.text + "\n";
    return text;
}

}  // namespace sndoctor::testing
