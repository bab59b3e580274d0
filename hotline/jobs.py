from home.registries.jobs import Job, register

register(
    Job(
        name="hotline_stale_previews",
        func="hotline.imports.discard_stale_previews",
        minutes=60,
        description="删除上传后24小时内未确认导入的工单文件（每小时）",
    )
)
