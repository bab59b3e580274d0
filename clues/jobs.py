from home.registries.jobs import Job, register

register(
    Job(
        name="clue_reminders",
        func="clues.reminders.send_clue_reminders",
        minutes=24 * 60,
        at="08:15",
        description="府检线索互通：各环节期限前14日、3日和逾期提醒，公益诉讼线索月底反馈提醒，每月逾期汇总（每天 8:15）",
    )
)
