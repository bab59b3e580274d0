"""Names of the internal section's groups and private collection: the one module that the models,
the roles and the restriction code may all depend on (it depends on nothing).

Access is never decided by these names: the code asks for permissions (see internal/roles.py),
and the section's restrictions admit the groups that hold `ACCESS_PERMISSION`."""

OFFICE = "联席会议办公室"
LIAISONS = "成员单位联络员"
PRIVATE_COLLECTION = "内部资料"
OFFICE_REVIEW = "联席会议办公室审核"

# Who may enter the section (its pages, photos and private documents).
ACCESS_PERMISSION = ("internal", "access_internal_section")
# Who sees every unit's resolutions, progress and the dashboard's office panels.
VIEW_ALL = "internal.view_all_resolutions"
# Who may file progress for the units they are a liaison of.
REPORT_OWN_UNIT = "internal.report_own_unit"
# Who may read and export the 督查督办 report.
VIEW_REPORT = "internal.view_supervision_report"

# 检察建议台账: who records everything (the procuratorate's office, the joint-meeting office) and
# who follows up for the county government (法治督办: reads every status, records 督促/通报/约谈).
PROCURATORATE_OFFICE = "检察院检察建议管理"
GOVERNMENT_FOLLOW_UP = "县政府法治督办"
MANAGE_RECOMMENDATIONS = "internal.manage_recommendations"
FOLLOW_UP_RECOMMENDATIONS = "internal.follow_up_recommendations"
