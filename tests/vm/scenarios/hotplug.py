"""Scenario hotplug: the assistant's checks follow a card that vanishes and comes back."""
from vmtest import Scenario

s = Scenario.from_argv()


def screen(name):
    run = s.run(name)
    s.expect(run is not None, f"{name}: the screen was not captured")
    return run.stdout if run else ""


before = screen("screen-before")
s.expect("PASS  cards.present" in before, f"screen-before: cards.present passes:\n{before}")

removed = screen("screen-removed")
s.expect("FAIL  cards.present" in removed,
         f"screen-removed: cards.present fails once the controller is gone:\n{removed}")
cards = s.run("cards-removed")
s.expect(cards is not None and "no soundcards" in cards.stdout,
         f"cards-removed: ALSA has no card: {cards.stdout if cards else None!r}")

back = screen("screen-back")
s.expect("PASS  cards.present" in back,
         f"screen-back: cards.present passes again after the rescan:\n{back}")

raise SystemExit(s.finish())
