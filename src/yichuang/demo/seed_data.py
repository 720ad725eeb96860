"""Demo data drawn from the five source articles in shared/seeds/ (000–004).

Pure data: no Django. Every text value is Simplified Chinese with the web noise of the
captures removed. Sources, inventions and gaps are described in docs/demo-data.md.

Conventions
- Dates are ISO strings ("2024-09-11"); None where the article gives none.
- Money is integer fen (分).
- Counts are ints only where the article gives a number. "100余" / "20多" become a
  ``*_min`` key holding the stated lower bound; "近40" becomes ``*_approx``.
- Keys named "area", "community", "street" or "district" hold area codes; keys named
  "organization" or "organizer" hold organization keys; "domain" / "domains" hold domain
  codes. check() relies on this.
- Invented records: organizations have is_sample True and a name ending in "（示例）";
  made-up area codes have code_official False; AREA_NOTES explains placeholder areas.
- Made-up codes end in 9xx (street: parent + "901"…, community: street + "901"…). The
  statistical code rules put real codes within 001–599 at both levels (001 under 320412 is
  戚墅堰街道, under 340104 三里庵街道), so a 9xx code cannot clash with a real one.
"""

from __future__ import annotations

from datetime import date

# ---------------------------------------------------------------------------
# Areas. Province/city/district: national 行政区划代码. Streets marked official come from
# the National Bureau of Statistics 统计用区划代码 (see docs/demo-data.md for the copy used).
# No official community/village code was available, so every community code is made up.
# ---------------------------------------------------------------------------
AREAS: list[dict] = [
    # 江苏省
    {"code": "32", "name": "江苏省", "level": "province", "parent": None, "code_official": True},
    {"code": "3204", "name": "常州市", "level": "city", "parent": "32", "code_official": True},
    {"code": "320412", "name": "武进区", "level": "district", "parent": "3204", "code_official": True},
    {"code": "320412100", "name": "湖塘镇", "level": "street", "parent": "320412", "code_official": True},
    {"code": "320412100901", "name": "永定社区", "level": "community", "parent": "320412100", "code_official": False},
    {"code": "320412100902", "name": "星河社区", "level": "community", "parent": "320412100", "code_official": False},
    {"code": "320412100903", "name": "丰乐社区", "level": "community", "parent": "320412100", "code_official": False},
    {"code": "320412103", "name": "洛阳镇", "level": "street", "parent": "320412", "code_official": True},
    {"code": "320412103901", "name": "洛东社区", "level": "community", "parent": "320412103", "code_official": False},
    {"code": "320412113", "name": "前黄镇", "level": "street", "parent": "320412", "code_official": True},
    {"code": "320412113901", "name": "寨桥村", "level": "community", "parent": "320412113", "code_official": False},
    {"code": "320412411", "name": "武进国家高新区", "level": "street", "parent": "320412", "code_official": True},
    {"code": "320412411901", "name": "新城域社区", "level": "community", "parent": "320412411", "code_official": False},
    {"code": "320412901", "name": "南夏墅街道", "level": "street", "parent": "320412", "code_official": False},
    {"code": "320412901901", "name": "大学新村三社区", "level": "community", "parent": "320412901", "code_official": False},
    {"code": "320412902", "name": "武进区（镇/街道未详）", "level": "street", "parent": "320412", "code_official": False},
    {"code": "320412902901", "name": "北庙桥社区", "level": "community", "parent": "320412902", "code_official": False},
    {"code": "3201", "name": "南京市", "level": "city", "parent": "32", "code_official": True},
    {"code": "320117", "name": "溧水区", "level": "district", "parent": "3201", "code_official": True},
    {"code": "320117004", "name": "石湫街道", "level": "street", "parent": "320117", "code_official": True},
    {"code": "320117004901", "name": "社东社区", "level": "community", "parent": "320117004", "code_official": False},
    # 安徽省
    {"code": "34", "name": "安徽省", "level": "province", "parent": None, "code_official": True},
    {"code": "3401", "name": "合肥市", "level": "city", "parent": "34", "code_official": True},
    {"code": "340104", "name": "蜀山区", "level": "district", "parent": "3401", "code_official": True},
    {"code": "340104005", "name": "西园街道", "level": "street", "parent": "340104", "code_official": True},
    {"code": "340104005901", "name": "七里塘社区", "level": "community", "parent": "340104005", "code_official": False},
    {"code": "340104005902", "name": "美虹社区", "level": "community", "parent": "340104005", "code_official": False},
    {"code": "340104901", "name": "蜀山区（街道未详）", "level": "street", "parent": "340104", "code_official": False},
    {"code": "340104901901", "name": "蜀麓苑社区", "level": "community", "parent": "340104901", "code_official": False},
    {"code": "340104901902", "name": "蜀山区（社区未详）", "level": "community", "parent": "340104901", "code_official": False},
    {"code": "3406", "name": "淮北市", "level": "city", "parent": "34", "code_official": True},
    {"code": "340603", "name": "相山区", "level": "district", "parent": "3406", "code_official": True},
    {"code": "340603003", "name": "西街道", "level": "street", "parent": "340603", "code_official": True},
    {"code": "340603003901", "name": "安康社区", "level": "community", "parent": "340603003", "code_official": False},
    {"code": "340603008", "name": "任圩街道", "level": "street", "parent": "340603", "code_official": True},
    {"code": "340603008901", "name": "古镇社区", "level": "community", "parent": "340603008", "code_official": False},
    {"code": "340603010", "name": "曲阳街道", "level": "street", "parent": "340603", "code_official": True},
    {"code": "340603010901", "name": "天元社区", "level": "community", "parent": "340603010", "code_official": False},
    {"code": "340603100", "name": "渠沟镇", "level": "street", "parent": "340603", "code_official": True},
    {"code": "340603100901", "name": "桥头村", "level": "community", "parent": "340603100", "code_official": False},
]

# Why an area is shaped or coded the way it is (only where that is not obvious).
AREA_NOTES: dict[str, str] = {
    "320412411": "统计用区划代码中名称为“高新区”；此处沿用文章名称“武进国家高新区”（开发区，按镇街级处理）。",
    "320412901": "统计用区划代码武进区下未单列南夏墅街道，代码为自拟。",
    "320412902": "占位镇街：文章只写“北庙桥社区”，未说明所属镇/街道。",
    "340104901": "占位街道：文章未说明蜀麓苑社区所属街道。",
    "340104901902": "占位社区：用于文章未说明所在社区的“阿甘之家”和顺丰志愿服务队。",
    "340603010901": "文章只提到曲阳街道“天元小区”（住宅小区），未给出所属社区；“天元社区”是按小区名拟设的占位社区。",
    "340603008901": "文章中古镇社区居民讲述“银龄关爱小家”志愿服务队的服务，据此归入任圩街道。",
    "320117004901": "涉农社区。",
}

DOMAINS: list[dict] = [
    {"code": "elderly", "zh": "养老服务", "en": "Elderly care"},
    {"code": "disability", "zh": "助残助孤", "en": "Disability and orphan support"},
    {"code": "poverty", "zh": "扶贫济困", "en": "Poverty relief"},
    {"code": "community", "zh": "社区建设", "en": "Community building"},
    {"code": "other", "zh": "其他公益", "en": "Other public welfare"},
    {"code": "children", "zh": "儿童关爱", "en": "Children"},
]

ORG_TYPES: dict[str, str] = {
    "social_group": "社会团体",
    "private_non_enterprise": "民办非企业单位",
    "foundation": "基金会",
    "community_group": "未登记社区社会组织",
    "social_work_station": "社工站",
    "enterprise": "企业",
    "government": "政府部门",
}

# ---------------------------------------------------------------------------
# Organizations. org_type is read from the name (协会 → social_group; 中心/驿站 →
# private_non_enterprise; 社工站/社会工作服务站 → social_work_station; 服务队 → community_group);
# the articles never state registration status.
# ---------------------------------------------------------------------------
ORGANIZATIONS: list[dict] = [
    # --- 001 武进区 ---
    {
        "key": "wj-mzj", "name": "武进区民政局", "org_type": "government", "area": "320412",
        "domains": ["elderly", "disability", "poverty", "community", "other"],
        "charter_scope": "组织开展2024—2025年“吾社益心——武有爱，益万家”公益创投，引导社会组织参与社会发展。",
        "is_sample": False, "source": "001",
    },
    {
        "key": "wj-yineng", "name": "武进区益能社会工作服务中心", "org_type": "private_non_enterprise",
        "area": "320412100901", "domains": ["elderly"],
        "charter_scope": "在湖塘镇永定社区为60周岁以上老年人开展助餐政策宣传、养生餐制作等助餐服务。",
        "is_sample": False, "source": "001",
    },
    {
        "key": "wj-zhuguang", "name": "武进区洛阳镇珠光社会工作服务站", "org_type": "social_work_station",
        "area": "320412103", "domains": ["community"],
        "charter_scope": "以党建为引领，链接政府、社会、企业资源，推动洛阳集镇区商户自治共治。",
        "is_sample": False, "source": "001",
    },
    {
        "key": "wj-qihang", "name": "武进区阳湖启航社会帮教服务中心", "org_type": "private_non_enterprise",
        "area": "320412113", "domains": ["other"],
        "charter_scope": "为前黄镇社区矫正人员开展安全意识宣讲和守法教育，帮助其融入社会。",
        "is_sample": False, "source": "001",
    },
    {
        "key": "wj-daai", "name": "武进区大爱调解协会", "org_type": "social_group",
        "area": "320412", "domains": ["other"],
        "charter_scope": "为新婚、离婚、准离婚家庭提供家庭教育、亲子教育和婆媳矛盾等方面的辅导。",
        "is_sample": False, "source": "001",
    },
    {
        "key": "wj-lanjingling", "name": "武进区蓝精灵儿童康复中心", "org_type": "private_non_enterprise",
        "area": "320412", "domains": ["disability", "children"],
        "charter_scope": "为心智障碍儿童家庭提供教育赋能、心灵疗愈和关系重建服务。",
        "is_sample": False, "source": "001",
    },
    {
        "key": "wj-xinjiayuan", "name": "武进区心家园公益助残服务中心", "org_type": "private_non_enterprise",
        "area": "320412", "domains": ["disability"],
        "charter_scope": "帮助身体残缺、出行困难的残障群体激发潜能、增强自信、融入社会。",
        "is_sample": False, "source": "001",
    },
    {
        "key": "wj-aiyiqi", "name": "武进区爱益启社会工作服务站", "org_type": "social_work_station",
        "area": "320412411901", "domains": ["disability", "children"],
        "charter_scope": "为新城域社区困境儿童家庭开展亲子关系赋能服务。",
        "is_sample": False, "source": "001",
    },
    {
        "key": "wj-shanyi", "name": "武进区善益爱心协会", "org_type": "social_group",
        "area": "320412902901", "domains": ["poverty", "children"],
        "charter_scope": "通过走访慰问、结对帮扶，帮助困境儿童改善生活、建立自信。",
        "is_sample": False, "source": "001",
    },
    {
        "key": "wj-xiaguang", "name": "武进区霞光同心驿站", "org_type": "private_non_enterprise",
        "area": "320412100902", "domains": ["elderly"],
        "charter_scope": "为罹患认知障碍症的老年人提供认知筛查、个案干预、小组帮扶等照顾服务。",
        "is_sample": False, "source": "001",
    },
    {
        "key": "wj-caiaixi", "name": "武进区采艾兮汉服文化艺术交流中心", "org_type": "private_non_enterprise",
        "area": "320412100902", "domains": ["community"],
        "charter_scope": "在社区传授非遗技艺，开展国学礼仪学习和传统习俗知识传播。",
        "is_sample": False, "source": "001",
    },
    {
        "key": "wj-shanle", "name": "武进区南夏墅街道大学新村三社区善乐社工站", "org_type": "social_work_station",
        "area": "320412901901", "domains": ["community"],
        "charter_scope": "在社区开展以防范电动自行车着火为重点的安全宣传志愿服务。",
        "is_sample": False, "source": "001",
    },
    {
        "key": "wj-wenyun", "name": "湖塘镇丰乐社区文韵社会工作站", "org_type": "social_work_station",
        "area": "320412100903", "domains": ["other", "children"],
        "charter_scope": "为丰乐社区儿童青少年及其家长开展家庭性教育和性自护能力提升服务。",
        "is_sample": False, "source": "001",
    },
    {
        "key": "wj-tongxin", "name": "武进区同心助残驿站", "org_type": "private_non_enterprise",
        "area": "320412", "domains": ["disability"],
        "charter_scope": "联合九三学社社员、专业志愿者和社区干部，为困境残疾人提供四季慰问、上门康复等关爱服务。",
        "is_sample": False, "source": "001",
    },
    {
        "key": "wj-sample-ailao", "name": "慈善爱老公益行执行机构（示例）", "org_type": "private_non_enterprise",
        "area": "320412", "domains": ["elderly"],
        "charter_scope": "示例机构：文章未写明“慈善爱老公益行”项目的实施方，此记录仅用于演示。",
        "is_sample": True, "source": "001",
    },
    # --- 000 蜀山区 ---
    {
        "key": "ss-mzj", "name": "蜀山区民政局", "org_type": "government", "area": "340104",
        "domains": [],
        "charter_scope": "推动社会组织以微公益创投等方式参与基层治理。",
        "is_sample": False, "source": "000",
    },
    {
        "key": "ss-agan", "name": "“阿甘之家”家长合作中心", "org_type": "community_group",
        "area": "340104901902", "domains": ["disability", "children"],
        "charter_scope": "由心智障碍儿童家长组成，开展兴趣班、社区融合、义卖和职前训练，帮助孩子融入社会。",
        "is_sample": False, "source": "000",
    },
    {
        "key": "ss-baoma", "name": "宝妈赋能坊服务队", "org_type": "community_group",
        "area": "340104901901", "domains": ["community"],
        "charter_scope": "在蜀麓苑社区开展宝妈赋能和职业培训，孵化有能力的宝妈担任教师助理。",
        "is_sample": False, "source": "000",
    },
    {
        "key": "ss-qiye-sgz", "name": "蜀山经济技术开发区企业社工站", "org_type": "social_work_station",
        "area": "340104", "domains": ["community"],
        "charter_scope": "全省首家企业社工站，把社工服务延伸到企业，培养员工志愿者并设置微公益创投项目。",
        "is_sample": False, "source": "000",
    },
    {
        "key": "ss-sf-team", "name": "顺丰通讯志愿服务队", "org_type": "community_group",
        "area": "340104901902", "domains": ["community"],
        "charter_scope": "组织爱好绿植栽培的员工认领小区闲置土地，开展栽培和沙龙活动，增强合租青年的凝聚力。",
        "is_sample": False, "source": "000",
    },
    {
        "key": "ss-qilitang-sample", "name": "七里塘社区送餐志愿团队（示例）", "org_type": "community_group",
        "area": "340104005901", "domains": ["elderly"],
        "charter_scope": "示例机构：代表文中为七里塘社区高龄空巢、独居老人送餐的团队（文章未给出团队名称）。",
        "is_sample": True, "source": "000",
    },
    {
        "key": "ss-meihong", "name": "美虹社区居家养老合作社", "org_type": "community_group",
        "area": "340104005902", "domains": ["elderly"],
        "charter_scope": "自2019年起以党建引领、邻里探望等形式，为辖区老人提供社区居家养老服务。",
        "is_sample": False, "source": "000",
    },
    # --- 002/003 相山区 ---
    {
        "key": "xs-weilao", "name": "为老志愿服务队", "org_type": "community_group",
        "area": "340603003901", "domains": ["elderly"],
        "charter_scope": "安康社区计划培育的志愿服务组织，为辖区老年人提供服务。",
        "is_sample": False, "source": "002",
    },
    {
        "key": "xs-weishao", "name": "为少志愿服务队", "org_type": "community_group",
        "area": "340603003901", "domains": ["children"],
        "charter_scope": "安康社区计划培育的志愿服务组织，为辖区青少年提供服务。",
        "is_sample": False, "source": "002",
    },
    {
        "key": "xs-wenyu", "name": "社区文娱组织", "org_type": "community_group",
        "area": "340603003901", "domains": ["community"],
        "charter_scope": "安康社区计划培育的文娱类社区社会组织。",
        "is_sample": False, "source": "002",
    },
    {
        "key": "xs-yeweihui", "name": "自治业委会", "org_type": "community_group",
        "area": "340603003901", "domains": ["community"],
        "charter_scope": "安康社区计划培育的居民自治组织。",
        "is_sample": False, "source": "002",
    },
    {
        "key": "xs-yinling", "name": "“银龄关爱小家”志愿服务队", "org_type": "community_group",
        "area": "340603008901", "domains": ["elderly"],
        "charter_scope": "由10名年过花甲的志愿者组成，为小区老人提供文化生活交流、精神慰藉、邻里协调等志愿服务。",
        "is_sample": False, "source": "003",
    },
    {
        "key": "xs-qiaotou", "name": "桥头志愿服务队", "org_type": "community_group",
        "area": "340603100901", "domains": ["children"],
        "charter_scope": "组织网格志愿者走访留守儿童、困难儿童，建立信息档案、征集微心愿并开展关爱活动。",
        "is_sample": False, "source": "003",
    },
]

# ---------------------------------------------------------------------------
# 001: Wujin 2024–2025 program and its 14 shortlisted projects, in article order.
# ---------------------------------------------------------------------------
WUJIN_PROGRAM: dict = {
    "name": "2024—2025年“吾社益心——武有爱，益万家”公益创投",
    "organizer": "wj-mzj",
    "area": "320412",
    "year": 2024,
    "domains": ["elderly", "disability", "poverty", "community", "other"],
    "stages": ["申报", "专家评审", "集中路演", "入围"],
    "shortlisted_count": 14,
    "principle": "小项目惠及大民生、小阵地链接大资源、小平台撬动大治理",
    "article_date": "2024-11-29",
    "source": "001",
}

WUJIN_PROJECTS: list[dict] = [
    {
        "title": "家门口的幸福好“食”光",
        "organization": "wj-yineng", "domain": "elderly", "launch_date": "2024-09-11",
        "venue": "湖塘镇永定社区御城食堂", "community": "320412100901",
        "beneficiaries": "永定社区60周岁以上老年人", "beneficiary_count": None,
        "activities": ["助餐政策宣传", "老年养生餐制作", "结算手续代办", "欢乐家宴"],
        "summary": "项目整合社区、物业、志愿者等多方资源，为永定社区60周岁以上老年人开展助餐系列活动，"
                   "让老年人在家门口享受“一餐饭”的幸福温度。",
        "source": "001",
    },
    {
        "title": "珠光闪耀 照亮共治共享新格局",
        "organization": "wj-zhuguang", "domain": "community", "launch_date": "2024-09-12",
        "venue": "洛阳镇洛东社区", "community": "320412103901",
        "beneficiaries": "洛阳集镇区商户", "beneficiary_count": None,
        "activities": ["党建引领", "链接政府、社会、企业等多方资源", "商户自治服务"],
        "summary": "项目以洛阳集镇区商户治理缺失为问题导向，以党建为引领开展自治服务，"
                   "形成洛阳镇共享共治的“珠光红盟”新格局。",
        "source": "001",
    },
    {
        "title": "珍爱生命 开启安全之行",
        "organization": "wj-qihang", "domain": "other", "launch_date": "2024-09-12",
        "venue": "前黄镇寨桥村", "community": "320412113901",
        "beneficiaries": "前黄镇社区矫正人员", "beneficiary_count": None,
        "activities": ["安全意识宣讲", "守法教育讲座", "参与社会公益活动"],
        "summary": "项目以前黄镇社区矫正人员为服务对象，通过安全意识宣讲、守法教育讲座和参与社会公益活动，"
                   "帮助矫正人员更好地融入社会。",
        "source": "001",
    },
    {
        "title": "武家幸福 进享和美2.0版",
        "organization": "wj-daai", "domain": "other", "launch_date": "2024-09-13",
        "venue": "武进区华之家幼儿园", "community": "320412",
        "beneficiaries": "新婚、离婚、准离婚家庭", "beneficiary_count": None,
        "activities": ["家庭教育辅导", "亲子教育辅导", "婆媳矛盾辅导"],
        "summary": "“武家幸福 进享和美”项目的2.0版，通过家庭教育、亲子教育、婆媳矛盾等方面的辅导，"
                   "帮助新婚对象融入家庭，帮助离婚对象摆脱情感矛盾、接受新生活。",
        "source": "001",
    },
    {
        "title": "心娃家庭共成长",
        "organization": "wj-lanjingling", "domain": "disability", "launch_date": "2024-09-14",
        "venue": "蓝精灵儿童康复中心", "community": "320412",
        "beneficiaries": "心智障碍儿童家庭", "beneficiary_count": 40,
        "activities": ["教育赋能", "心灵疗愈", "关系重建"],
        "summary": "项目服务40组心智障碍儿童家庭，以教育赋能、心灵疗愈、关系重建为主题，"
                   "引导家长用新的视角看待生活。",
        "source": "001",
    },
    {
        "title": "阳光助残 共享美好",
        "organization": "wj-xinjiayuan", "domain": "disability", "launch_date": "2024-09-14",
        "venue": "武进区文化馆", "community": "320412901",
        "beneficiaries": "南夏墅街道身体残缺、出行困难的残障群体", "beneficiary_count": None,
        "activities": ["残疾人社会融入服务", "激发潜能、增强自信"],
        "summary": "残疾人社会融入服务项目，帮助南夏墅街道出行困难的残障群体激发潜能、增强自信，"
                   "更好地融入社会，提升获得感和幸福感。",
        "source": "001",
    },
    {
        "title": "亲子相伴 益童成长",
        "organization": "wj-aiyiqi", "domain": "disability", "launch_date": "2024-09-15",
        "venue": "武进国家高新区新城域社区", "community": "320412411901",
        "beneficiaries": "新城域社区与家长存在亲子关系问题的困境儿童", "beneficiary_count": 30,
        "activities": ["主题讲座", "亲子并行小组", "社区活动"],
        "summary": "社区困境儿童亲子关系赋能项目，服务新城域社区30名困境儿童，"
                   "帮助困境儿童家庭改善亲子关系，营造健康成长的家庭氛围。",
        "source": "001",
    },
    {
        "title": "山蒲英成长计划——“益”路“童”行",
        "organization": "wj-shanyi", "domain": "poverty", "launch_date": "2024-09-22",
        "venue": "北庙桥社区党群服务中心", "community": "320412902901",
        "beneficiaries": "经济、学习上存在困难的困境儿童", "beneficiary_count": None,
        "activities": ["走访慰问", "结对帮扶"],
        "summary": "项目针对困境儿童在经济、学习上的问题，通过走访慰问、结对帮扶，"
                   "帮助其改善生活、建立自信，满足基本生活需求。",
        "source": "001",
    },
    {
        "title": "勿忘我——认知障碍的预防与干预",
        "organization": "wj-xiaguang", "domain": "elderly", "launch_date": "2024-09-23",
        "venue": "湖塘镇星河社区", "community": "320412100902",
        "beneficiaries": "社区罹患认知障碍症的老年人", "beneficiary_count": None,
        "activities": ["认知筛查", "个案干预", "小组帮扶", "社区宣传"],
        "summary": "项目通过认知筛查、个案干预、小组帮扶和社区宣传，"
                   "为罹患认知障碍症的老年人提供科学的帮扶照顾。",
        "source": "001",
    },
    {
        "title": "非遗惠民 诗礼传家——优秀传统文化进社区",
        "organization": "wj-caiaixi", "domain": "community", "launch_date": "2024-09-28",
        "venue": "湖塘镇星河社区", "community": "320412100902",
        "beneficiaries": "星河社区老年人、青少年、妇女及能以手工创业的残疾人士", "beneficiary_count": None,
        "activities": ["传授非遗技艺及知识", "国学礼仪学习和体验", "传统习俗知识传播"],
        "summary": "项目向星河社区居民传授非遗技艺、国学礼仪和传统习俗知识，推动社区文化建设，满足居民文化需求。",
        "source": "001",
    },
    {
        "title": "善乐凝爱 防范未“燃”",
        "organization": "wj-shanle", "domain": "community", "launch_date": "2024-09-29",
        "venue": None, "community": "320412901901",
        "beneficiaries": "社区居民", "beneficiary_count": None,
        "activities": ["“和谐社区，共筑安全防线”宣传活动", "安全知识普及"],
        "summary": "社区安全宣传志愿服务项目，针对电动自行车着火频发问题开展系列宣传活动，"
                   "提升居民安全意识，构建和谐、安全的居住环境。",
        "source": "001",
    },
    {
        "title": "多彩童年 筑梦青春——丰乐社区儿童青少年性教育",
        "organization": "wj-wenyun", "domain": "other", "launch_date": "2024-10-07",
        "venue": "武进区文化馆", "community": "320412100903",
        "beneficiaries": "丰乐社区儿童青少年及其家长", "beneficiary_count": None,
        "activities": ["社区讲座", "个案辅导", "素质拓展"],
        "summary": "项目针对丰乐社区儿童青少年性知识认知不够、性自护能力不足的情况，"
                   "帮助家长掌握家庭性教育方法，提高儿童青少年的性自护能力。",
        "source": "001",
    },
    {
        "title": "爱的多重奏——武进区残疾人多元关爱服务",
        "organization": "wj-tongxin", "domain": "disability", "launch_date": None,
        "venue": None, "community": "320412",
        "beneficiaries": "困境残疾人", "beneficiary_count": None,
        "activities": ["四季慰问", "上门康复服务", "精神障碍关爱", "无障碍改造"],
        "summary": "项目以“物质关怀、心灵关怀、增值关怀”为核心，由九三学社社员、专业志愿者和社区干部参与，"
                   "通过精准帮扶提升困境残疾人的生活质量和融入社会的能力。",
        "source": "001",
    },
    {
        "title": "慈善爱老公益行——武进区农村空巢老年人精神关爱服务",
        "organization": "wj-sample-ailao", "domain": "elderly", "launch_date": None,
        "venue": None, "community": "320412",
        "beneficiaries": "农村空巢老年人及养老机构老人", "beneficiary_count": None,
        "activities": ["招募低龄空巢老人学习编排文艺节目", "到养老机构送锡剧与文艺演出", "与高龄老人互动", "宣传党的方针政策"],
        "summary": "项目以文艺节目演出为载体，招募低龄空巢老人学习编排节目并登台展示，"
                   "定期到养老机构演出锡剧和文艺节目，丰富养老机构老人的精神文化生活。",
        "source": "001",
    },
]

# ---------------------------------------------------------------------------
# 000: Shushan District, Hefei (article undated; it mentions “2021年以来”).
# ---------------------------------------------------------------------------
SHUSHAN: dict = {
    "district": "340104",
    "organizer": "ss-mzj",
    "approx_year": 2021,
    "source": "000",
    "micro_projects": [
        {
            "title": "阿甘之家",
            "organization": "ss-agan", "community": "340104901902", "domain": "disability",
            "beneficiaries": "心智障碍儿童及其家庭", "beneficiary_count": None,
            "families_start": 4, "families_now_min": 20,
            "activities_done": 51, "person_times": 1020,
            "started": "2020-08",
            "leader": "吴金慧",
            "activities": ["绘画、美术等兴趣班", "社区融合活动", "义卖活动", "手工工作坊",
                           "模拟庇护工厂流水线", "职前就业训练", "与普通中小学学生一同户外实践", "才艺表演"],
            "summary": "由心智障碍儿童家长组成的项目，参与家庭从4组扩展到20多组；2020年8月以来共开展活动51场，"
                       "服务1020人次，帮助孩子提升融入社会的能力、为今后就业做准备。",
            "source": "000",
        },
        {
            "title": "一米讲堂",
            "organization": "ss-baoma", "community": "340104901901", "domain": "community",
            "beneficiaries": "社区宝妈", "beneficiary_count": None,
            "activities_done": None, "person_times": None,
            "supervision": "社工督导",
            "activities": ["宝妈赋能", "职业培训", "孵化宝妈担任教师助理"],
            "summary": "蜀麓苑社区为项目提供活动场所，社工督导规范服务活动；项目开设宝妈赋能、职业培训等服务，"
                       "孵化有能力的宝妈担任教师助理，盘活社区资源。",
            "source": "000",
        },
        {
            "title": "寓见·好地坊",
            "organization": "ss-sf-team", "community": "340104901902", "domain": "community",
            "beneficiaries": "合租青年", "beneficiary_count": None,
            "activities_done": None, "person_times": None,
            "activities": ["认领小区闲置土地", "绿植栽培", "沙龙活动"],
            "summary": "企业社工站设置的微创投项目之一：培养爱好绿植栽培的员工认领小区闲置土地，"
                       "开展栽培、沙龙活动，增强合租青年的凝聚力和向心力。",
            "source": "000",
        },
        {
            "title": "七里塘社区高龄空巢独居老人送餐服务",
            "title_is_descriptive": True,
            "organization": "ss-qilitang-sample", "community": "340104005901", "domain": "elderly",
            "beneficiaries": "高龄空巢、独居老人", "beneficiary_count": 30,
            "activities_done": None, "person_times": None,
            "leader": "张侠",
            "frequency": "每月送餐两次、特色美食活动一次",
            "activities": ["送餐", "特色美食活动", "情感支持", "发掘新志愿者"],
            "summary": "西园街道七里塘社区为30位高龄空巢、独居老人每月开展两次送餐、一次特色美食活动，"
                       "提供情感支持，并不断吸纳新的志愿者，支持建立社区居家养老网络。",
            "source": "000",
        },
        {
            "title": "社区居家养老合作社",
            "organization": "ss-meihong", "community": "340104005902", "domain": "elderly",
            "beneficiaries": "辖区老人", "beneficiary_count": None,
            "activities_done": None, "person_times": None,
            "since_year": 2019,
            "activities": ["党建引领", "邻里探望"],
            "summary": "西园街道自2019年起率先在美虹社区成立社区居家养老合作社，2021年以来在街道所有社区推广，"
                       "逐步形成破解居家养老服务难题的“西园模式”。",
            "source": "000",
        },
    ],
    "enterprise_station": {
        "organization": "ss-qiye-sgz",
        "area": "340104",
        "note": "全省首家企业社工站，于文中所称“本年5月”挂牌（年份未注明）。",
        "employee_volunteers_min": 100,
        "enterprises": ["顺丰速运"],
        "funds_raised_fen": 8_000_000,
        "micro_project_count": 5,
        "micro_projects_named": ["寓见·好地坊"],
        "source": "000",
    },
    "totals": {
        "micro_projects_this_round_approx": 100,
        "governance_rounds": 3,
        "service_projects": 196,
        "organizations_approx": 40,
        "small_micro_projects_min": 400,
        "community_orgs_activated_min": 300,
        "volunteers_min": 4000,
        "brands": [
            {"field": "社区养老", "name": "居家养老合作社"},
            {"field": "社区矫正", "name": "彩虹行动"},
            {"field": "社区协商", "name": "周末议事厅"},
        ],
        "source": "000",
    },
}

# ---------------------------------------------------------------------------
# 002 (安康社区 “三社联动” pilot; capture dated 2022-10-01) and 003 (2024-12-18): Xiangshan.
# ---------------------------------------------------------------------------
XIANGSHAN: dict = {
    "district": "340603",
    "sources": ["002", "003"],
    "communities": [
        {"area": "340603003901", "name": "安康社区", "street": "340603003",
         "note": "老城区，人口密度大、流动性大；淮北市“三社联动”社区试点项目落户于此。", "source": "002"},
        {"area": "340603010901", "name": "天元小区", "street": "340603010", "kind": "住宅小区",
         "note": "文章称“曲阳街道天元小区”，挂在占位社区“天元社区”下。", "source": "003"},
        {"area": "340603008901", "name": "古镇社区", "street": "340603008", "source": "003"},
        {"area": "340603100901", "name": "桥头村", "street": "340603100",
         "note": "依托桥头村新时代文明实践站开展活动。", "source": "003"},
    ],
    "volunteer_teams": [
        {"organization": "xs-weilao", "status": "计划培育", "members": None, "source": "002"},
        {"organization": "xs-weishao", "status": "计划培育", "members": None, "source": "002"},
        {"organization": "xs-wenyu", "status": "计划培育", "members": None, "source": "002"},
        {"organization": "xs-yeweihui", "status": "计划培育", "members": None, "source": "002"},
        {"organization": "xs-yinling", "status": "在服务", "members": 10, "street": "340603008",
         "note": "成员均为年过花甲的“银发”志愿者。", "source": "003"},
        {"organization": "xs-qiaotou", "status": "在服务", "members": None, "street": "340603100",
         "brand": "乡伴童行 快乐成长", "source": "003"},
    ],
    "volunteers": {
        "community": "340603003901",
        "registered": 78,
        "groups": ["低龄老人", "退休党员", "全职妈妈"],
        "steps": ["招募", "登记造册", "专业培训", "按专业和特长组建志愿服务队伍"],
        "source": "002",
    },
    "needs_collection": {
        "community": "340603003901",
        "methods": ["微信平台", "问卷调查", "口头询问"],
        "popular_courses": ["“阳光少年”亲子成长小组课程（6-12岁）", "小创客梦想家兴趣成长小组课程",
                            "“老有所乐 动手有益”主题兴趣课程（60岁以上）"],
        "source": "002",
    },
    "activities_summary": {
        "community": "340603003901",
        "activities_min": 30,
        "person_times_min": 1000,
        "venues": ["社区新时代文明实践大讲堂", "安康益站", "共享书屋", "科普馆"],
        "event_example": "端午前夕50多名“家庭主妇”比赛包粽子，粽子送给小区空巢老人和环卫工人。",
        "source": "002",
    },
    "funding": {
        "community": "340603003901",
        "method": "通过公益微创投方式，将政府购买社会组织服务专项资金用于资助社区社会组织项目。",
        "source": "002",
    },
    "micro_projects": [
        {"title": "楼栋善治工程", "community": "340603010901", "domain": "community",
         "kind": "社区治理项目", "issues": ["垃圾乱扔乱放", "飞线充电"],
         "summary": "天元小区联动社区多方力量，协同解决垃圾乱扔乱放、飞线充电等问题，小区环境卫生明显改善。",
         "source": "003"},
        {"title": "西街道为老服务微公益创投项目", "title_is_descriptive": True,
         "street": "340603003", "domain": "elderly", "count": 3,
         "summary": "西街道针对辖区老年人口众多的特点设计实施3个为老服务微公益创投项目，"
                    "培育助老为老志愿服务组织，初步构建社区特殊老人服务体系。",
         "source": "003"},
    ],
    "deliberation": {
        "community": "340603003901",
        "estate": "二幼小区",
        "format": "自治网格恳谈会",
        "topic": "开放型老小区转为封闭式管理",
        "outcome": "帮助组建筹备组",
        "other_public_matters": ["社区安全", "环保宣传", "封闭小区", "文明创建"],
        "source": "002",
    },
    "micro_wishes": {
        "organization": "xs-qiaotou",
        "community": "340603100901",
        "visited": ["残疾儿童", "留守儿童", "贫困学生家庭"],
        "records": "留守儿童、困难儿童信息档案",
        "method": "网格志愿者每月定期走访，建立信息档案，汇总后由志愿者入户，征集微心愿。",
        "focus": ["亲情陪伴", "思想引领", "自护教育"],
        "visits_per_year": 12,
        "activities_per_year_min": 20,
        "children_benefited_min": 100,
        "source": "003",
    },
    "community_fund": {
        "district": "340603",
        "note": "探索社区慈善基金可持续运作：设立社区基金并运作社区微公益创投项目，推动社区慈善捐赠。",
        "source": "003",
    },
    "district_facts": {
        "district": "340603",
        "volunteer_teams_min": 200,
        "urban_communities": 75,
        "rule": "每个城市社区至少培育1个社区志愿服务组织与对应特色项目。",
        "source": "003",
    },
}

# ---------------------------------------------------------------------------
# 004: Shedong Community, Shiqiu Street, Lishui District, Nanjing (posted 2022-08-24).
# ---------------------------------------------------------------------------
SHEDONG: dict = {
    "community": "320117004901",
    "street": "320117004",
    "rural": True,
    "project": {
        "title": "五美益集——石湫街道社东社区“五社联动”背景下公益开放空间治理提升项目",
        "short_title": "五美益集",
        "award": "江苏省优秀社会工作项目二等奖",
        "reported": "2022-08",
        "parts": ["慈善驿站", "乡伴学堂", "流动益集"],
        "focus": ["村民急难愁盼", "乡村内生动力", "服务场景建设"],
        "markets": ["社情民意集市", "议事交流集市", "便民服务集市", "政策宣传集市", "文创传承集市"],
        "problems": ["农村社区治理体系不健全", "农村人口受教育程度低", "政治参与热情不够", "农村文化没落危机"],
        "outcomes": "村民参与人数和村民对社区服务的满意度均呈上升趋势（文章未给出数字）。",
        "source": "004",
    },
    "charity_station": {
        "name": "社区慈善工作站",
        "donors": "辖区爱心企业、爱心人士",
        "donation_fen": 115_000_000,
        "donation_is_minimum": True,
        "use": "所募善款全部用于开展各类社区慈善公益服务，精准帮扶社区困难弱势群体。",
        "source": "004",
    },
    "open_space": {
        "method": "开放空间会议技术与基层民主协商相结合",
        "topics": ["道路休整", "祠堂翻新", "独居老人用餐问题", "传统手艺传承"],
        "source": "004",
    },
    "culture": {
        "heritage": ["村史", "祠堂文化", "百年挂面"],
        "villagers_income_raised": 10,
        "note": "社会工作者协助梳理村史和祠堂文化，通过乡伴学堂传播；延展百年挂面“文化+”文旅产业，带动10名村民创富增收。",
        "source": "004",
    },
}


# ---------------------------------------------------------------------------
# Self-check (run by hand, never at import).
# ---------------------------------------------------------------------------
_CODE_LENGTH = {"province": 2, "city": 4, "district": 6, "street": 9, "community": 12}
_PARENT_LEVEL = {"city": "province", "district": "city", "street": "district", "community": "street"}
_AREA_KEYS = {"area", "community", "street", "district"}
_ORG_KEYS = {"organization", "organizer"}
_DOMAIN_KEYS = {"domain", "domains"}


def _references(obj: object, found: list[tuple[str, str]]) -> None:
    """Collect (key, value) for every reference key; reject ASCII brackets (stray pinyin)."""
    if isinstance(obj, dict):
        for key, value in obj.items():
            if key in _AREA_KEYS | _ORG_KEYS | _DOMAIN_KEYS:
                for item in value if isinstance(value, list) else [value]:
                    found.append((key, item))
            else:
                _references(value, found)
    elif isinstance(obj, list):
        for value in obj:
            _references(value, found)
    elif isinstance(obj, str):
        assert "(" not in obj and ")" not in obj, obj


def check() -> None:
    areas = {a["code"]: a for a in AREAS}
    assert len(areas) == len(AREAS), "duplicate area code"
    for a in AREAS:
        assert a["code"].isdigit() and len(a["code"]) == _CODE_LENGTH[a["level"]], a
        if a["level"] == "province":
            assert a["parent"] is None, a
            continue
        parent = areas.get(a["parent"])
        assert parent is not None, f"missing parent of {a}"
        assert parent["level"] == _PARENT_LEVEL[a["level"]] and a["code"].startswith(parent["code"]), a
        if not a["code_official"]:
            assert a["code"][-3] == "9", f"made-up code outside 9xx: {a}"
    assert set(AREA_NOTES) <= set(areas)

    orgs = {o["key"]: o for o in ORGANIZATIONS}
    domains = {d["code"] for d in DOMAINS}
    assert len(orgs) == len(ORGANIZATIONS), "duplicate organization key"
    for o in ORGANIZATIONS:
        assert o["org_type"] in ORG_TYPES, o
        assert o["is_sample"] == o["name"].endswith("（示例）"), o
        if o["org_type"] == "community_group":
            assert areas[o["area"]]["level"] == "community", o

    found: list[tuple[str, str]] = []
    _references([AREAS, AREA_NOTES, ORGANIZATIONS, WUJIN_PROGRAM, WUJIN_PROJECTS, SHUSHAN, XIANGSHAN, SHEDONG], found)
    for key, value in found:
        known = areas if key in _AREA_KEYS else orgs if key in _ORG_KEYS else domains
        assert value in known, f"unknown {key}: {value}"

    assert len(WUJIN_PROJECTS) == 14
    for p in WUJIN_PROJECTS:
        assert p["domain"] in WUJIN_PROGRAM["domains"], p["title"]
        assert p["launch_date"] is None or date.fromisoformat(p["launch_date"]).year == 2024, p["title"]
        assert p["beneficiary_count"] is None or type(p["beneficiary_count"]) is int, p["title"]
    assert date.fromisoformat(WUJIN_PROGRAM["article_date"]) == date(2024, 11, 29)
