#!/usr/bin/python3
# Drives Standpoint as a screen reader user would, through the
# accessibility bus (AT-SPI) alone: accessible actions and the keyboard,
# never pointer coordinates (GTK 4.8 reports none).  From a fresh library
# it imports a dataset through the Import dialog, selects a statement on
# the timeline, switches to the comparison, picks two sides, reads the
# board and its table, and exports a PNG; after each step it checks what
# the step changed, as the accessibility tree shows it.
#
# Usage: test-a11y.py STANDPOINT FIXTURE WORKDIR, from run-a11y.sh, which
# provides the accessibility bus and a fresh environment.

import os
import re
import struct
import subprocess
import sys
import time

import pyatspi
from gi.repository import Atspi, GLib

# Waits end as soon as what they wait for happens; the limit is for
# failures, and for the sanitizer build on a busy machine.
TIMEOUT = 60.0
MAX_TABS = 80

TAB = 0xff09
RETURN = 0xff0d
LEFT = 0xff51
RIGHT = 0xff53
DOWN = 0xff54
CONTROL_MASK = 1 << 2

DATASET_TITLE = 'The harbour treaty (invented test data)'
IMPORTED = 'Imported “The harbour treaty (invented test data)”: 13 added, 0 updated, 0 unchanged, 0 retracted'
FIRST_STATEMENT = ('Lena Ostrova, Foreign Minister, Northland, supports “The harbour treaty '
                   'should be ratified” on 4 Mar 2024: “long overdue”. Source: Ministers split '
                   'over harbour treaty, Example Daily, 5 Mar 2024.')
NORTHLAND_TREATY_CELL = ('Northland, Harbour treaty: Supports. “long overdue” Lena Ostrova, '
                         'Foreign Minister, Northland, 4 Mar 2024.')
OSTROVA_TREATY_CELL = ('Lena Ostrova, Harbour treaty: Supports. “long overdue” Lena Ostrova, '
                       'Foreign Minister, Northland, 4 Mar 2024.')
RIED_TREATY_CELL = ('Tomas Ried, Harbour treaty: Opposes. “a bad bargain for our fishermen” '
                    'Tomas Ried, Prime Minister, Southland, 5 Mar 2024.')
AGREEMENT = 'Tomas Ried and Lena Ostrova: Agree on 0 topics, Differ on 2 topics, Cannot compare 0 topics.'
EXPORT_NAME = 'tomas-ried-vs-lena-ostrova-2024-03-05.png'

START = time.monotonic()
APP = None  # the application's process, once started


class Failure(Exception):
    pass


def log(message):
    print('%6.2fs  %s' % (time.monotonic() - START, message), flush=True)


class FocusWatch:
    """Counts the moves of the keyboard focus the application reports."""

    def __init__(self):
        self.moves = 0
        pyatspi.Registry.registerEventListener(self.changed, 'object:state-changed:focused')

    def changed(self, event):
        if event.detail1 == 1:
            self.moves += 1


FOCUS = FocusWatch()


def wait_for(what, probe, timeout=TIMEOUT):
    """Polls @probe until it returns something true.  The tree changes
    while the application works, and objects may vanish under the reader."""
    deadline = time.monotonic() + timeout
    context = GLib.MainContext.default()
    while True:
        while context.iteration(False):
            pass
        if APP is not None and APP.poll() is not None:
            raise Failure('standpoint exited with status %d while the test waited for %s' % (APP.returncode, what))
        try:
            value = probe()
        except GLib.Error:
            value = None
        if value:
            return value
        if time.monotonic() > deadline:
            raise Failure('timed out after %.0f s waiting for %s' % (timeout, what))
        time.sleep(0.05)


def wait_equal(what, get, expected):
    """Waits for get() to return @expected; a failure tells what it
    returned last."""
    last = []

    def probe():
        last[:] = [get()]
        return last[0] == expected

    try:
        wait_for(what, probe)
    except Failure as failure:
        raise Failure('%s: last %r' % (failure, last[0] if last else None))


def expect(what, actual, expected):
    if actual != expected:
        raise Failure('%s: expected %r, got %r' % (what, expected, actual))


def children(node):
    return [node.getChildAtIndex(i) for i in range(node.childCount)]


def named(node, text):
    """GTK 4.8 names a widget with a mnemonic twice, as in "_Import Import":
    the label as written, then as shown."""
    name = node.name
    return name == text or (name.endswith(' ' + text) and
                            name[:-len(text) - 1].replace('_', '') == text)


def walk(root, depth=None):
    """The nodes under @root, depth first, to @depth levels down.  Every
    step is a D-Bus call: walking the whole window takes seconds."""
    stack = [(root, 0)]
    while stack:
        node, level = stack.pop()
        if node is None:
            continue
        yield node
        if depth is None or level < depth:
            stack.extend(reversed([(child, level + 1) for child in children(node)]))


def find(root, role, name=None, state=None, depth=None):
    for node in walk(root, depth):
        if (node.getRoleName() == role and (name is None or named(node, name)) and
                (state is None or has_state(node, state))):
            return node
    return None


def collect(root, wanted):
    """The nodes @wanted maps to by role and name, found in one walk."""
    found = {}
    for node in walk(root):
        for key, (role, name) in wanted.items():
            if key not in found and node.getRoleName() == role and named(node, name):
                found[key] = node
    missing = [' '.join(wanted[key]) for key in wanted if key not in found]
    if missing:
        raise Failure('not in the window: %s' % ', '.join(missing))
    return found


def toast(main, text):
    """Toasts are shown over the window's content, near the top of the tree."""
    return find(main, 'label', text, depth=6)


def has_state(node, state):
    return node.getState().contains(state)


def window(app, title):
    for child in children(app):
        if child is not None and child.name == title:
            return child
    return None


def text_of(node):
    if node is None:
        return None
    text = node.queryText()
    return text.getText(0, text.characterCount)


def do_action(node, action='click'):
    actions = node.queryAction()
    for i in range(actions.nActions):
        if actions.getName(i) == action:
            actions.doAction(i)
            return
    raise Failure('%s “%s” has no “%s” action' % (node.getRoleName(), node.name, action))


def press(keysym):
    pyatspi.Registry.generateKeyboardEvent(keysym, None, pyatspi.KEY_SYM)


def press_control(keysym):
    pyatspi.Registry.generateKeyboardEvent(CONTROL_MASK, None, pyatspi.KEY_LOCKMODIFIERS)
    try:
        press(keysym)
    finally:
        pyatspi.Registry.generateKeyboardEvent(CONTROL_MASK, None, pyatspi.KEY_UNLOCKMODIFIERS)


def type_text(text):
    pyatspi.Registry.generateKeyboardEvent(0, text, pyatspi.KEY_STRING)


def step(keysym):
    """Presses a key that moves the focus, and waits for it to move."""
    moves = FOCUS.moves
    press(keysym)
    wait_for('the focus to move', lambda: FOCUS.moves > moves)


def tab_to(node, what):
    """Moves the keyboard focus with Tab alone until @node has it."""
    for _ in range(MAX_TABS):
        if has_state(node, pyatspi.STATE_FOCUSED):
            return
        step(TAB)
    raise Failure('%s did not take the focus within %d Tabs' % (what, MAX_TABS))


def focused_text(root):
    return find(root, 'text', state=pyatspi.STATE_FOCUSED)


def check_png(path):
    with open(path, 'rb') as f:
        head = f.read(24)
    if head[:8] != b'\x89PNG\r\n\x1a\n' or head[12:16] != b'IHDR':
        raise Failure('%s is not a PNG file' % path)
    width, height = struct.unpack('>II', head[16:24])
    if width == 0 or height == 0:
        raise Failure('%s is empty: %d×%d' % (path, width, height))
    return width, height, os.path.getsize(path)


def find_app():
    desktop = pyatspi.Registry.getDesktop(0)
    for app in children(desktop):
        if app is not None and app.name == 'standpoint':
            return app
    return None


# Roles of what a user operates or reads cell by cell; each needs a name.
CONTROLS = {'push button', 'toggle button', 'check box', 'radio button', 'combo box', 'entry', 'text',
            'page tab', 'slider', 'spin button', 'link', 'list item', 'table cell'}


def unnamed_controls(root):
    """Controls without an accessible name, or with the one GTK falls back
    to: the name of their type."""
    found = []
    stack = [root]
    while stack:
        node = stack.pop()
        if node is None:
            continue
        role, name = node.getRoleName(), node.name
        # libadwaita 1.2 leaves a toast's close button unnamed.
        if name == 'AdwToastWidget':
            continue
        if role in CONTROLS and (name == '' or re.fullmatch(r'(Gtk|Adw)\w+', name)):
            found.append('%s “%s” in %s “%s”' % (role, name, node.parent.getRoleName(), node.parent.name))
        stack.extend(children(node))
    return found


# The window's parts the test uses, by role and accessible name.  They all
# exist from the start, the comparison's too, on pages not shown yet.
PARTS = {
    'import': ('push button', 'Import Dataset…'),
    'timeline': ('panel', 'Timeline'),
    'search': ('entry', 'Search quotes, titles and sources'),
    'details': ('push button', 'Show Details'),
    'compare': ('page tab', 'Compare'),
    'side 1': ('combo box', 'Side 1'),
    'side 2': ('combo box', 'Side 2'),
    'table toggle': ('push button', 'Show the Board as a Table'),
    'as of': ('text', 'As-of Date'),
    'latest': ('push button', 'Latest'),
    'board': ('panel', 'Comparison Board'),
    'table': ('table', 'Comparison Table'),
}


def start():
    app = wait_for('standpoint on the accessibility bus', find_app)
    # Nothing here listens to the events that would keep a cache up to date.
    app.setCacheMask(Atspi.Cache.NONE)
    main = wait_for('the main window', lambda: window(app, 'Standpoint'))
    ui = wait_for('the empty state’s “Import Dataset…” button',
                  lambda: find(main, 'push button', 'Import Dataset…') and collect(main, PARTS))
    ui['app'] = app
    ui['main'] = main
    # The search entry's parent holds the sidebar's lists.
    ui['sidebar'] = ui['search'].parent

    expect('the timeline’s description', ui['timeline'].description, 'Nothing selected')
    if find(ui['sidebar'], 'list', 'Datasets') is not None:
        raise Failure('the sidebar lists datasets at the start')
    log('a fresh library: the empty state offers “Import Dataset…”')
    return ui


def import_fixture(ui, fixture):
    app = ui['app']

    do_action(ui['import'])
    dialog = wait_for('the “Import Datasets” dialog', lambda: window(app, 'Import Datasets'))
    wait_for('the file chooser to take the focus',
             lambda: any(has_state(node, pyatspi.STATE_FOCUSED) for node in walk(dialog)))
    # A "/" opens the location entry, which takes the rest of the path.
    type_text(fixture)
    wait_equal('the location to read the fixture’s path', lambda: text_of(focused_text(dialog)), fixture)
    log('the Import dialog is open, with the fixture’s path typed in')

    # While GTK 4.8 destroys a window, asking for the application's
    # windows can meet one whose accessible has no path any more, a
    # critical warning: the test looks at the main window until the dialog
    # has done its work.
    do_action(find(dialog, 'push button', 'Import'))
    wait_for('the toast “%s”' % IMPORTED, lambda: toast(ui['main'], IMPORTED))
    datasets = wait_for('the sidebar’s list of datasets', lambda: find(ui['sidebar'], 'list', 'Datasets'))
    expect('the datasets listed', [item.name for item in children(datasets)], [DATASET_TITLE])
    if window(app, 'Import Datasets') is not None:
        raise Failure('the Import dialog is still open')
    log('imported: a toast gives the counts, the sidebar lists the dataset')


def select_statement(ui):
    timeline = ui['timeline']

    tab_to(timeline, 'the timeline')
    press(RIGHT)
    wait_equal('the timeline to describe the first statement', lambda: timeline.description, FIRST_STATEMENT)
    wait_for('the details pane to open', lambda: has_state(ui['details'], pyatspi.STATE_PRESSED))

    press(RIGHT)
    second = wait_for('the description to follow the selection',
                      lambda: timeline.description not in ('Nothing selected', FIRST_STATEMENT) and
                      timeline.description)
    if ' on 5 Mar 2024' not in second:
        raise Failure('the next statement in time is not of 5 Mar 2024: %r' % second)
    press(LEFT)
    wait_equal('the description to return to the first statement', lambda: timeline.description, FIRST_STATEMENT)
    log('the timeline’s description reads the statement selected with the arrow keys')


def compare(ui):
    do_action(ui['compare'])
    wait_for('the Compare tab to be selected', lambda: has_state(ui['compare'], pyatspi.STATE_SELECTED))
    wait_equal('the board to describe the selected statement’s cell',
               lambda: ui['board'].description, NORTHLAND_TREATY_CELL)
    log('the board describes the cell of the statement selected on the timeline')


def pick_side(combo, picker, side):
    button = find(combo, 'push button', depth=1)
    do_action(button)

    def current():
        item = find(combo, 'list item', state=pyatspi.STATE_FOCUSED)
        return item and find(item, 'label')

    for _ in range(10):
        if wait_for('the focused item of the %s list' % picker, current).name == side:
            break
        step(DOWN)
    else:
        raise Failure('%s is not among the first items of the %s list' % (side, picker))
    press(RETURN)
    wait_equal('%s to show %s' % (picker, side), lambda: button.name, '%s: %s' % (picker, side))


def pick_sides(ui):
    board = ui['board']

    pick_side(ui['side 1'], 'Side 1', 'Tomas Ried')
    pick_side(ui['side 2'], 'Side 2', 'Lena Ostrova')
    do_action(ui['latest'])
    wait_equal('the as-of date of the latest statement', lambda: text_of(ui['as of']), '2024-03-05')
    wait_equal('the board to describe how the sides agree', lambda: board.description, AGREEMENT)
    log('sides picked: the board compares Tomas Ried and Lena Ostrova')

    tab_to(board, 'the board')
    press(DOWN)
    wait_equal('the board to describe its first cell', lambda: board.description, RIED_TREATY_CELL)
    press(RIGHT)
    wait_equal('the board to describe the next cell', lambda: board.description, OSTROVA_TREATY_CELL)
    log('the board’s description reads the cell selected with the arrow keys')


def read_table(ui):
    toggle = ui['table toggle']
    table = ui['table']

    do_action(toggle)
    wait_for('the table toggle to be pressed', lambda: has_state(toggle, pyatspi.STATE_PRESSED))
    expect('the table’s description', table.description, AGREEMENT)

    rows = children(table)
    expect('the table’s rows', [(row.getRoleName(), row.name) for row in rows],
           [('table row', 'Sides'), ('table row', 'Roles'),
            ('table row', 'Harbour treaty'), ('table row', 'Port security spending')])
    cells = [children(row) for row in rows]
    expect('the header row', [cell.name for cell in cells[0]],
           ['Topic and proposition', 'Tomas Ried', 'Lena Ostrova'])
    expect('the roles row', [(cell.getRoleName(), cell.name) for cell in cells[1]],
           [('row header', 'Roles'),
            ('table cell', 'Tomas Ried, roles: Prime Minister, Southland (since 1 Jun 2021)'),
            ('table cell', 'Lena Ostrova, roles: Foreign Minister, Northland (since 14 Nov 2022)')])
    expect('the Harbour treaty row', [(cell.getRoleName(), cell.name) for cell in cells[2]],
           [('row header', 'Harbour treaty\nThe harbour treaty should be ratified\n≠ Disagree'),
            ('table cell', RIED_TREATY_CELL), ('table cell', OSTROVA_TREATY_CELL)])
    log('the table has a header row, a roles row and a row per topic, every cell named')


def export(ui, png):
    app = ui['app']

    press_control(ord('e'))
    dialog = wait_for('the “Export Picture” dialog', lambda: window(app, 'Export Picture'))
    name = wait_for('the file name entry', lambda: focused_text(dialog))
    wait_equal('the suggested file name', lambda: text_of(name), EXPORT_NAME)
    press_control(ord('a'))
    type_text(png)
    wait_equal('the file name to read the test’s path', lambda: text_of(name), png)
    log('the Export dialog suggests %s; the test’s path typed in' % EXPORT_NAME)

    # As with the Import dialog, only the main window while this one goes.
    do_action(find(dialog, 'push button', 'Export'))
    exported = 'Exported “%s”' % os.path.basename(png)
    wait_for('the toast “%s”' % exported, lambda: toast(ui['main'], exported))
    width, height, size = check_png(png)
    log('exported %s: a %d×%d PNG of %d bytes' % (os.path.basename(png), width, height, size))


def compare_with_cli(library, png):
    """The window and standpoint-cli draw a board with the same code: the
    picture the window exported is the one the CLI draws for the same
    sides and date."""
    cli_png = png + '.cli.png'
    subprocess.run([os.environ['STANDPOINT_CLI'], '--db', library, 'export-png',
                    '--sides', 'tomas-ried,lena-ostrova', '--as-of', '2024-03-05', '-o', cli_png],
                   check=True)
    with open(png, 'rb') as exported, open(cli_png, 'rb') as drawn:
        if exported.read() != drawn.read():
            raise Failure('%s differs from what standpoint-cli draws for the same sides' % png)
    log('the exported picture is the one standpoint-cli draws for Tomas Ried and Lena Ostrova')


def run(library, fixture, png):
    ui = start()
    import_fixture(ui, fixture)
    select_statement(ui)
    compare(ui)
    pick_sides(ui)
    read_table(ui)
    expect('controls without a name', unnamed_controls(ui['main']), [])
    log('every control in the window has a name')
    export(ui, png)

    press_control(ord('q'))
    try:
        expect('standpoint’s exit status', APP.wait(TIMEOUT), 0)
    except subprocess.TimeoutExpired:
        raise Failure('standpoint did not quit on Ctrl+Q')
    log('quit with Ctrl+Q')

    if 'STANDPOINT_CLI' in os.environ:
        compare_with_cli(library, png)


def main():
    global APP

    standpoint, fixture, workdir = sys.argv[1:4]
    library = os.path.join(workdir, 'library.sqlite')
    APP = subprocess.Popen([standpoint, '--db', library])
    try:
        run(library, os.path.abspath(fixture), os.path.join(workdir, 'board.png'))
    except Failure as failure:
        log('FAIL: %s' % failure)
        return 1
    finally:
        if APP.poll() is None:
            APP.terminate()
            APP.wait()
    return 0


if __name__ == '__main__':
    sys.exit(main())
