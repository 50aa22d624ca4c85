-- Demo data: the 2017 work task progress table (工作任务进度表) of Liaoning's plan for "Internet + government services",
-- tasks 1-6 with their quarterly milestones as the table gives them; lead and responsible bodies from the plan's
-- sections the tasks belong to. Source: /work/shared/seeds/001_dfbd2bfa848f04a6.txt (traditional characters in the
-- seed, written here in simplified characters). Status starts as 未启动 (not started): supervisors keep it.
-- The first and second (and third and fourth) quarters of task 3 share one milestone in the table (一、二季度 / 三、四季度).
insert into supervision_reform_task (id, division_code, plan_year, seq, title, lead_bodies, responsible_bodies, source) values ('2b6e6fac-51be-557e-ade1-8cee651ac6eb', '210000', 2017, 1, '编制政务服务事项目录，优化服务流程，规范办事指南', '省编委办', '各市政府，省政府各部门', 'seeds/001_dfbd2bfa848f04a6.txt（辽宁省办公厅加快推进“互联网+政务服务”工作方案及工作任务进度表，填报单位：辽宁省人民政府办公厅）');
insert into supervision_reform_milestone (task_id, quarter, target) values ('2b6e6fac-51be-557e-ade1-8cee651ac6eb', 1, '1.印发编制政务服务事项目录和办事指南工作方案；2.启动省本级目录及指南编制工作。');
insert into supervision_reform_milestone (task_id, quarter, target) values ('2b6e6fac-51be-557e-ade1-8cee651ac6eb', 2, '选择一个市、一个县、一个区作为试点，启动市级以下目录及指南编制工作，6月底前完成省本级和试点市县区的梳理编制工作。');
insert into supervision_reform_milestone (task_id, quarter, target) values ('2b6e6fac-51be-557e-ade1-8cee651ac6eb', 3, '参照省本级和试点市县区目录及指南，完成全省政务服务事项目录和办事指南编制工作。');
insert into supervision_reform_milestone (task_id, quarter, target) values ('2b6e6fac-51be-557e-ade1-8cee651ac6eb', 4, '对各级政务服务事项目录和办事指南进行规范完善，研究政务服务事项动态管理机制。');
insert into supervision_reform_task (id, division_code, plan_year, seq, title, lead_bodies, responsible_bodies, source) values ('09f2e8be-2fe9-588f-887f-0892876dc690', '210000', 2017, 2, '建设省网上政务服务平台，推动政务服务事项网上运行', '省信息中心', '各市政府，省政府各部门', 'seeds/001_dfbd2bfa848f04a6.txt（辽宁省办公厅加快推进“互联网+政务服务”工作方案及工作任务进度表，填报单位：辽宁省人民政府办公厅）');
insert into supervision_reform_milestone (task_id, quarter, target) values ('09f2e8be-2fe9-588f-887f-0892876dc690', 1, '调研各地区各部门政务服务平台建设情况，摸清已建的政务服务业务系统平台底数。');
insert into supervision_reform_milestone (task_id, quarter, target) values ('09f2e8be-2fe9-588f-887f-0892876dc690', 2, '编制省网上政务服务平台建设项目可研报告。');
insert into supervision_reform_milestone (task_id, quarter, target) values ('09f2e8be-2fe9-588f-887f-0892876dc690', 3, '完成省网上政务服务平台建设项目立项及招投标，编制项目实施方案。');
insert into supervision_reform_milestone (task_id, quarter, target) values ('09f2e8be-2fe9-588f-887f-0892876dc690', 4, '启动省网上政务服务平台建设项目实施。');
insert into supervision_reform_task (id, division_code, plan_year, seq, title, lead_bodies, responsible_bodies, source) values ('3654511c-7248-5269-8aea-73b4182cd4b0', '210000', 2017, 3, '建设政务信息资源共享交换平台', '省发展改革委', '省信息中心；配合单位：各市政府，省政府各部门', 'seeds/001_dfbd2bfa848f04a6.txt（辽宁省办公厅加快推进“互联网+政务服务”工作方案及工作任务进度表，填报单位：辽宁省人民政府办公厅）');
insert into supervision_reform_milestone (task_id, quarter, target) values ('3654511c-7248-5269-8aea-73b4182cd4b0', 1, '根据国家出台的指导目录，研究编制我省网上政务服务信息共享目录。');
insert into supervision_reform_milestone (task_id, quarter, target) values ('3654511c-7248-5269-8aea-73b4182cd4b0', 2, '根据国家出台的指导目录，研究编制我省网上政务服务信息共享目录。');
insert into supervision_reform_milestone (task_id, quarter, target) values ('3654511c-7248-5269-8aea-73b4182cd4b0', 3, '借鉴国家平台建设方案，研究编制我省政务信息资源共享交换平台建设方案。');
insert into supervision_reform_milestone (task_id, quarter, target) values ('3654511c-7248-5269-8aea-73b4182cd4b0', 4, '借鉴国家平台建设方案，研究编制我省政务信息资源共享交换平台建设方案。');
insert into supervision_reform_task (id, division_code, plan_year, seq, title, lead_bodies, responsible_bodies, source) values ('82364d29-089c-5902-a20c-03235eeee93f', '210000', 2017, 4, '公开政务服务事项信息', '省政府办公厅、省政务服务管理办公室', '各市政府，省政府各部门', 'seeds/001_dfbd2bfa848f04a6.txt（辽宁省办公厅加快推进“互联网+政务服务”工作方案及工作任务进度表，填报单位：辽宁省人民政府办公厅）');
insert into supervision_reform_milestone (task_id, quarter, target) values ('82364d29-089c-5902-a20c-03235eeee93f', 1, '省政务服务中心公开进驻中心审批服务事项的办事指南等信息。');
insert into supervision_reform_milestone (task_id, quarter, target) values ('82364d29-089c-5902-a20c-03235eeee93f', 2, '省政府网站、省政务服务中心公开省直行政审批中介服务事项清单。');
insert into supervision_reform_milestone (task_id, quarter, target) values ('82364d29-089c-5902-a20c-03235eeee93f', 3, '依据省政府部门权责清单，调整审批事项服务指南等信息并公开。');
insert into supervision_reform_milestone (task_id, quarter, target) values ('82364d29-089c-5902-a20c-03235eeee93f', 4, '在省政府网站、省政务服务中心集中公开政务服务事项目录及相关法律法规、服务指南等信息。');
insert into supervision_reform_task (id, division_code, plan_year, seq, title, lead_bodies, responsible_bodies, source) values ('6838ceb7-763d-580f-a9d0-51e1b197af42', '210000', 2017, 5, '依托省网上审批平台，推进实体政务服务大厅与网上服务融合，拓展服务渠道', '省政务服务管理办公室', '各市政府，省政府各部门', 'seeds/001_dfbd2bfa848f04a6.txt（辽宁省办公厅加快推进“互联网+政务服务”工作方案及工作任务进度表，填报单位：辽宁省人民政府办公厅）');
insert into supervision_reform_milestone (task_id, quarter, target) values ('6838ceb7-763d-580f-a9d0-51e1b197af42', 1, '完成省政务服务中心审批系统与部门自建审批系统审批业务数据交换。');
insert into supervision_reform_milestone (task_id, quarter, target) values ('6838ceb7-763d-580f-a9d0-51e1b197af42', 2, '依据省政府部门权责清单，调整进驻中心事项服务指南，进一步优化审批流程。');
insert into supervision_reform_milestone (task_id, quarter, target) values ('6838ceb7-763d-580f-a9d0-51e1b197af42', 3, '依据省政府部门权责清单，推动部门行政审批处进驻中心，实行集中办理。');
insert into supervision_reform_milestone (task_id, quarter, target) values ('6838ceb7-763d-580f-a9d0-51e1b197af42', 4, '对进驻省政务服务中心单位、人员等进行考核。');
insert into supervision_reform_task (id, division_code, plan_year, seq, title, lead_bodies, responsible_bodies, source) values ('465098ab-c648-5cfc-9d95-6ca5d6cf74fc', '210000', 2017, 6, '网络基础设施建设', '省工业和信息化委、省通信管理局', '各市政府，省政府各部门', 'seeds/001_dfbd2bfa848f04a6.txt（辽宁省办公厅加快推进“互联网+政务服务”工作方案及工作任务进度表，填报单位：辽宁省人民政府办公厅）');
insert into supervision_reform_milestone (task_id, quarter, target) values ('465098ab-c648-5cfc-9d95-6ca5d6cf74fc', 1, '调研全省电子政务外网建设与运维情况。');
insert into supervision_reform_milestone (task_id, quarter, target) values ('465098ab-c648-5cfc-9d95-6ca5d6cf74fc', 2, '协调省信息中心做好技术保障支撑，确保电子政务外网互联互通。');
insert into supervision_reform_milestone (task_id, quarter, target) values ('465098ab-c648-5cfc-9d95-6ca5d6cf74fc', 3, '组织编制省电子政务外网平台三期建设规划。');
insert into supervision_reform_milestone (task_id, quarter, target) values ('465098ab-c648-5cfc-9d95-6ca5d6cf74fc', 4, '启动省电子政务外网平台三期工程。');
