"""Output-only stand-in for prettytable, enough for mixcoatl's dcm-* tools to print their tables.

It never touches a request or a response: it only lays out rows the tool already has.
"""


class PrettyTable(object):
    def __init__(self, field_names=None, **kwargs):
        self.field_names = list(field_names or [])
        self._align = dict((name, "c") for name in self.field_names)
        self._rows = []

    @property
    def align(self):
        """Per column, as prettytable has it: tools set one (table.align['Field'] = 'l') or all."""
        return self._align

    @align.setter
    def align(self, value):
        if isinstance(value, dict):
            self._align.update(value)
        else:
            for name in self.field_names:
                self._align[name] = value

    def add_row(self, row):
        if len(row) != len(self.field_names):
            raise ValueError("row has %d cells, the table %d columns" % (len(row), len(self.field_names)))
        self._rows.append(list(row))

    def get_string(self, sortby=None, **kwargs):
        rows = self._rows
        if sortby is not None:
            column = self.field_names.index(sortby)
            rows = sorted(rows, key=lambda row: row[column])
        lines = ["\t".join(self.field_names)]
        lines.extend("\t".join(_text(cell) for cell in row) for row in rows)
        return "\n".join(lines)

    def __str__(self):
        return self.get_string()


def _text(cell):
    if isinstance(cell, unicode):
        return cell.encode("utf-8")
    return str(cell)
