from home.registries.jobs import Job, register

register(
    Job(
        name="liaison_digests",
        func="internal.reminders.send_liaison_digests",
        minutes=24 * 60,
        at="08:00",
        description="向成员单位联络员发送议定事项到期和逾期提醒（每天 8:00）",
    )
)
register(
    Job(
        name="office_notices",
        func="internal.reminders.send_office_notices",
        minutes=24 * 60,
        at="08:05",
        description="全体会议和同堂培训节点提前 30 天提醒联席会议办公室（每天 8:05）",
    )
)
register(
    Job(
        name="recommendation_reminders",
        func="internal.reminders.send_recommendation_reminders",
        minutes=24 * 60,
        at="08:10",
        description="检察建议回复期限、逾期、每月督办清单和整改核查提醒（每天 8:10）",
    )
)
