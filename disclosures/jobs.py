from home.registries.jobs import Job, register

register(
    Job(
        name="information_request_reminders",
        func="disclosures.reminders.send_request_reminders",
        minutes=24 * 60,
        at="08:15",
        description="依申请公开答复期限前5个、1个工作日和逾期首日提醒信息公开专员（每天 8:15）",
    )
)
