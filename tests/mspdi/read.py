"""Reads an MSPDI file with MPXJ (an independent reader) and prints what it understood
as JSON: the project, its calendars and every task. With --schedule, MPXJ's own CPM
scheduler (org.mpxj.cpm.MicrosoftScheduler) schedules the plan first.

With --write OUT, MPXJ writes the plan it read as MSPDI to OUT (its own writer).

Used by tests/mspdi.rs: python3 tests/mspdi/read.py FILE [--schedule] [--write OUT]
"""
import json
import sys

import mpxj  # noqa: F401  (puts MPXJ's jars on the class path)
import jpype

jpype.startJVM()

from java.time import DayOfWeek  # noqa: E402
from org.mpxj import TaskField, TimeUnit  # noqa: E402
from org.mpxj.reader import UniversalProjectReader  # noqa: E402


def text(value):
    return None if value is None else str(value)


def days(duration, props):
    """A duration in days of the project (8 h), or elapsed days for elapsed units."""
    if duration is None:
        return None
    units = str(duration.getUnits().name())
    if units.startswith("ELAPSED"):
        return {"elapsed": float(duration.convertUnits(TimeUnit.ELAPSED_DAYS, props).getDuration())}
    if units in ("PERCENT", "ELAPSED_PERCENT"):
        return {"percent": float(duration.getDuration())}
    return float(duration.convertUnits(TimeUnit.DAYS, props).getDuration())


def main():
    path = sys.argv[1]
    project = UniversalProjectReader().read(path)
    if project is None:
        print(json.dumps({"error": "MPXJ could not read the file"}))
        return 1
    props = project.getProjectProperties()
    if "--schedule" in sys.argv[2:]:
        from org.mpxj.cpm import MicrosoftScheduler
        MicrosoftScheduler().schedule(project, props.getStartDate())
    if "--write" in sys.argv[2:]:
        from org.mpxj.mspdi import MSPDIWriter
        MSPDIWriter().write(project, sys.argv[sys.argv.index("--write") + 1])
    calendars = []
    for cal in project.getCalendars():
        calendars.append({
            "name": text(cal.getName()),
            "workdays": [bool(cal.isWorkingDay(d)) for d in (
                DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                DayOfWeek.FRIDAY, DayOfWeek.SATURDAY, DayOfWeek.SUNDAY)],
            "holidays": [text(e.getFromDate()) for e in cal.getCalendarExceptions()
                         if not e.getWorking()],
        })
    tasks = []
    for task in project.getTasks():
        if task.getUniqueID() is None or int(task.getUniqueID()) == 0:
            continue
        tasks.append({
            "uid": int(task.getUniqueID()),
            "name": text(task.getName()),
            "milepost_id": text(task.getCachedValue(TaskField.TEXT1)),
            "owner": text(task.getCachedValue(TaskField.TEXT2)),
            "vendor": text(task.getCachedValue(TaskField.TEXT3)),
            "summary": bool(task.getSummary()),
            "milestone": bool(task.getMilestone()),
            "outline_level": int(task.getOutlineLevel()),
            "wbs": text(task.getWBS()),
            "duration": days(task.getDuration(), props),
            "start": text(task.getStart()),
            "finish": text(task.getFinish()),
            "actual_start": text(task.getActualStart()),
            "actual_finish": text(task.getActualFinish()),
            "percent_complete": float(task.getPercentageComplete() or 0),
            "remaining": days(task.getRemainingDuration(), props),
            "constraint": text(task.getConstraintType()),
            "constraint_date": text(task.getConstraintDate()),
            "deadline": text(task.getDeadline()),
            "calendar": text(task.getCalendar().getName()) if task.getCalendar() else None,
            "predecessors": [{
                "uid": int(r.getPredecessorTask().getUniqueID()),
                "type": str(r.getType().name()),
                "lag": days(r.getLag(), props),
            } for r in task.getPredecessors()],
        })
    print(json.dumps({
        "name": text(props.getName()),
        "title": text(props.getProjectTitle()),
        "start": text(props.getStartDate()),
        "status_date": text(props.getStatusDate()),
        "minutes_per_day": int(props.getMinutesPerDay()),
        "calendar": text(props.getDefaultCalendar().getName()) if props.getDefaultCalendar() else None,
        "calendars": calendars,
        "tasks": tasks,
    }, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
