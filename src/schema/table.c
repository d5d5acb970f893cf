/* table: the fields of a report file, their types and their meanings.
 *
 * docs/schema.md is the human form of this table; each description here
 * appears there as written. Keep descriptions to one line without '|'. */
#include "schema/table.h"
#include "vocabulary/vocabulary.h"

#include <string.h>

/* Scopes of ids. */
static const struct schema_scope scope_recommendation = {
        "inspection recommendation id"};
static const struct schema_scope scope_priority = {"priority id"};
static const struct schema_scope scope_action = {"action id"};
static const struct schema_scope scope_term = {"glossary term"};
static const struct schema_scope scope_section = {"section id"};

/* Scalars. */
static const struct schema_node t_any = {
        .kind = SCHEMA_ANY, .name = "any", .expect = "any value"};
static const struct schema_node t_string = {
        .kind = SCHEMA_STRING, .name = "string", .expect = "a string"};
static const struct schema_node t_text = {
        .kind = SCHEMA_TEXT, .name = "text", .expect = "text (Markdown)"};
static const struct schema_node t_bool = {
        .kind = SCHEMA_BOOL, .name = "boolean", .expect = "true or false"};
static const struct schema_node t_number = {
        .kind = SCHEMA_NUMBER, .name = "number", .expect = "a number"};
static const struct schema_node t_date = {
        .kind = SCHEMA_DATE, .name = "date", .expect = "a date (YYYY-MM-DD)"};
/* When something is planned, which may be known only to the month or the
 * year: "by March 2016". */
static const struct schema_node t_target = {
        .kind = SCHEMA_TARGET,
        .name = "target date",
        .expect = "a date (YYYY-MM-DD), a month (YYYY-MM) or a year (YYYY)"};
static const struct schema_node t_name = {
        .kind = SCHEMA_NAME,
        .name = "name",
        .expect = "a name (lower-case letters, digits, '_' and '-')"};
static const struct schema_node t_url = {
        .kind = SCHEMA_URL,
        .name = "url",
        .expect = "a web address (https://..., http://... or mailto:...)"};
static const struct schema_node t_email = {
        .kind = SCHEMA_EMAIL,
        .name = "email",
        .expect = "an e-mail address (name@example.gov.uk)"};
static const struct schema_node t_version = {
        .kind = SCHEMA_INT,
        .name = "integer",
        .expect = "1 (the schema version this clerk reads)",
        .min = 1,
        .max = 1};
static const struct schema_node t_days = {.kind = SCHEMA_INT,
                                          .name = "integer",
                                          .expect = "a whole number of "
                                                    "days from 1 to 3660",
                                          .min = 1,
                                          .max = 3660};
static const struct schema_node t_paragraph = {
        .kind = SCHEMA_INT,
        .name = "integer",
        .expect = "a paragraph of Schedule 12A (1 to 7)",
        .min = 1,
        .max = 7};

static const struct schema_node t_after = {
        .kind = SCHEMA_INT,
        .name = "integer",
        .expect = "a paragraph of the section's prose (1 to 999)",
        .min = 1,
        .max = 999};
static const struct schema_node t_grade = {.kind = SCHEMA_ENUM,
                                           .name = "grade",
                                           .vocabulary = 1 + VOCABULARY_GRADE};

static const struct schema_node t_status = {.kind = SCHEMA_ENUM,
                                            .name = "status",
                                            .vocabulary =
                                                    1 + VOCABULARY_STATUS};

static const struct schema_node t_class = {
        .kind = SCHEMA_ENUM,
        .name = "class",
        .expect = "Part 1 (open) or Part 2 (exempt)",
        .vocabulary = 1 + VOCABULARY_CLASS};

static const struct schema_node t_quarter = {
        .kind = SCHEMA_QUARTER,
        .name = "quarter",
        .expect = "a quarter of a financial year (like 2019-20 Q3)"};

/* Ids and references. */
static const struct schema_node t_recommendation_id = {
        .kind = SCHEMA_STRING,
        .name = "id",
        .expect = "an id (a string such as R1)",
        .defines = &scope_recommendation};
static const struct schema_node t_recommendation_ref = {
        .kind = SCHEMA_STRING,
        .name = "recommendation id",
        .expect = "an inspection recommendation id",
        .refers = &scope_recommendation};
static const struct schema_node t_priority_id = {
        .kind = SCHEMA_STRING,
        .name = "id",
        .expect = "an id (a string such as P1)",
        .defines = &scope_priority};
static const struct schema_node t_action_id = {
        .kind = SCHEMA_STRING,
        .name = "id",
        .expect = "an id (a string such as P1.1)",
        .defines = &scope_action};
static const struct schema_node t_term = {.kind = SCHEMA_STRING,
                                          .name = "string",
                                          .expect = "a string",
                                          .defines = &scope_term};
static const struct schema_node t_section_id = {.kind = SCHEMA_NAME,
                                                .name = "name",
                                                .expect = "a name (lower-case "
                                                          "letters, digits, "
                                                          "'_' and '-')",
                                                .defines = &scope_section};

/* Lists and dicts of scalars. */
static const struct schema_node l_string = {
        .kind = SCHEMA_LIST, .expect = "a list of strings", .elem = &t_string};
static const struct schema_node l_text = {
        .kind = SCHEMA_LIST, .expect = "a list of texts", .elem = &t_text};
static const struct schema_node l_recommendation_ref = {
        .kind = SCHEMA_LIST,
        .expect = "a list of inspection recommendation ids",
        .elem = &t_recommendation_ref};
static const struct schema_node d_number = {
        .kind = SCHEMA_DICT, .expect = "a map of numbers", .elem = &t_number};
static const struct schema_node d_series = {
        .kind = SCHEMA_DICT,
        .expect = "a map of series (each a map of numbers)",
        .elem = &d_number};

#define MAP(var, nm, exp, tbl)                  \
	static const struct schema_node var = { \
	        .kind = SCHEMA_MAP, .name = nm, .expect = exp, .fields = tbl}
#define LIST(var, exp, el)                      \
	static const struct schema_node var = { \
	        .kind = SCHEMA_LIST, .expect = exp, .elem = el}
#define REQ SCHEMA_REQUIRED

/* A person: author, contact, contributor, portfolio holder. */
static const struct schema_field person_fields[] = {
        {"name", &t_string, REQ, "The person's name as printed."},
        {"role", &t_string, 0,
         "Job title or office, such as Director of "
         "Children's Social Care."},
        {"phone", &t_string, 0, "Telephone number as it should be printed."},
        {"email", &t_email, 0, "E-mail address; printed as a mailto link."},
        {NULL, NULL, 0, NULL}};
MAP(m_person, "person", "a person (a map with name, role, phone, email)",
    person_fields);
LIST(l_person, "a list of people", &m_person);

/* The meeting the report goes to. */
static void meeting_rule(struct schema_check *c, const struct value *map);
static const struct schema_field exemption_fields[] = {
        {"paragraph", &t_paragraph, REQ,
         "The paragraph of Schedule 12A to the Local Government Act 1972 "
         "that makes the report exempt (1 to 7)."},
        {"reason", &t_text, 0, "Why that paragraph applies."},
        {"public_interest", &t_text, 0,
         "Why the public interest in keeping it exempt outweighs the "
         "interest in disclosing it."},
        {NULL, NULL, 0, NULL}};
MAP(m_exemption, "exemption", "an exemption (a map with paragraph, reason)",
    exemption_fields);

static const struct schema_field meeting_fields[] = {
        {"committee", &t_string, REQ,
         "The committee, cabinet or council meeting that receives the "
         "report."},
        {"date", &t_date, REQ, "The date of the meeting."},
        {"time", &t_string, 0, "The start time as printed, such as 7.30pm."},
        {"venue", &t_string, 0, "Where the meeting is held."},
        {"item", &t_string, 0,
         "The agenda item, kept as written: 4, 8. or "
         "4 (Supplement)."},
        {"class", &t_class, 0,
         "Part 1 (open to the public, the default) or "
         "Part 2 (exempt)."},
        {"exemption", &m_exemption, 0,
         "Required for a Part 2 report and not allowed for Part 1: why the "
         "report is exempt."},
        {NULL, NULL, 0, NULL}};
static const struct schema_node m_meeting = {
        .kind = SCHEMA_MAP,
        .name = "meeting",
        .expect = "a meeting (a map with committee, date, item, class)",
        .fields = meeting_fields,
        .rule = meeting_rule};

/* The report's front matter. */
static const struct schema_field report_fields[] = {
        {"title", &t_string, REQ, "The report's title."},
        {"key_decision", &t_bool, 0,
         "Whether the report asks for a key decision."},
        {"forward_plan_ref", &t_string, 0,
         "The key decision's reference on the forward plan."},
        {"wards", &l_string, 0, "Wards affected, such as [All]."},
        {"portfolio", &t_string, 0,
         "The cabinet portfolio the report falls "
         "under."},
        {"portfolio_holder", &m_person, 0,
         "The cabinet member who holds the portfolio."},
        {"report_from", &m_person, 0,
         "The director or chief officer who presents the report."},
        {"contributors", &l_person, 0,
         "Officers who contributed to the "
         "report."},
        {"author", &m_person, 0, "The officer who wrote the report."},
        {"contact", &m_person, 0,
         "Who answers questions on the report, when not the author."},
        {"lateness", &t_text, 0,
         "Why the report is late and urgent, for a report not despatched "
         "with the agenda."},
        {"timeline", &t_text, 0,
         "The timeline of engagement and "
         "decision-making."},
        {"purpose", &t_text, 0, "One paragraph on what the report is for."},
        {"summary", &t_text, 0, "The summary of the report."},
        {"recommendations", &l_text, 0,
         "What members are asked to do, one item each."},
        {"reasons", &l_text, 0, "The reasons for the recommended decision."},
        {"alternatives", &t_text, 0, "Alternative options considered."},
        {"policy_context", &t_text, 0,
         "How the report relates to the council's strategies and duties."},
        {NULL, NULL, 0, NULL}};
MAP(m_report, "report", "a map of the report's front matter", report_fields);

/* The inspection. */
static const struct schema_node m_judgement;
LIST(l_judgement, "a list of judgements", &m_judgement);
static const struct schema_field judgement_fields[] = {
        {"area", &t_string, REQ,
         "What was judged, as the inspectors name "
         "it."},
        {"grade", &t_grade, REQ, "The grade given."},
        {"previous", &t_grade, 0,
         "The grade for the same area at the previous inspection."},
        {"note", &t_text, 0, "A remark printed with the judgement."},
        {"judgements", &l_judgement, 0,
         "Judgements on parts of this area, such as adoption and care "
         "leavers."},
        {NULL, NULL, 0, NULL}};
static const struct schema_node m_judgement = {
        .kind = SCHEMA_MAP,
        .name = "judgement",
        .expect = "a judgement (a map with area, grade, previous)",
        .fields = judgement_fields};

static const struct schema_field finding_fields[] = {
        {"area", &t_string, REQ,
         "The judgement area the findings belong "
         "to."},
        {"going_well", &l_text, 0, "What the inspectors found going well."},
        {"to_address", &l_text, 0,
         "What the inspectors found needs to "
         "improve."},
        {NULL, NULL, 0, NULL}};
MAP(m_finding, "finding",
    "a finding (a map with area, going_well, "
    "to_address)",
    finding_fields);
LIST(l_finding, "a list of findings", &m_finding);

static const struct schema_field recommendation_fields[] = {
        {"id", &t_recommendation_id, REQ,
         "A short id, unique among the recommendations, such as R1."},
        {"text", &t_text, REQ,
         "The recommendation as the inspectors made "
         "it."},
        {"theme", &t_string, 0,
         "A theme to group recommendations by, such "
         "as early help."},
        {NULL, NULL, 0, NULL}};
MAP(m_recommendation, "recommendation",
    "a recommendation (a map with id, text, theme)", recommendation_fields);
LIST(l_recommendation, "a list of recommendations", &m_recommendation);

static void inspection_rule(struct schema_check *c, const struct value *map);
static const struct schema_field earlier_fields[] = {
        {"body", &t_string, REQ, "The inspectorate, such as Ofsted."},
        {"framework", &t_string, 0,
         "The framework or kind of visit: SIF, ILACS, LAC, focused visit."},
        {"from", &t_date, 0, "The first day of the inspection."},
        {"to", &t_date, 0, "The last day of the inspection."},
        {"published", &t_date, 0, "The date the report was published."},
        {"url", &t_url, 0, "Where the published report can be read."},
        {"overall", &t_grade, 0, "The overall judgement."},
        {"judgements", &l_judgement, 0, "The judgements by area."},
        {"summary", &t_text, 0, "What that inspection or visit concluded."},
        {NULL, NULL, 0, NULL}};
static const struct schema_node m_earlier = {
        .kind = SCHEMA_MAP,
        .name = "earlier_inspection",
        .expect = "an earlier inspection (a map with body, framework, "
                  "dates, judgements)",
        .fields = earlier_fields,
        .rule = inspection_rule};
LIST(l_earlier, "a list of earlier inspections", &m_earlier);

static const struct schema_field inspection_fields[] = {
        {"body", &t_string, REQ, "The inspectorate, such as Ofsted."},
        {"framework", &t_string, 0,
         "The framework or kind of visit: SIF, ILACS, LAC, focused visit."},
        {"from", &t_date, 0, "The first day of the inspection."},
        {"to", &t_date, 0, "The last day of the inspection."},
        {"published", &t_date, 0, "The date the report was published."},
        {"url", &t_url, 0, "Where the published report can be read."},
        {"overall", &t_grade, 0, "The overall judgement."},
        {"judgements", &l_judgement, 0, "The judgements by area."},
        {"findings", &l_finding, 0,
         "What went well and what needs to "
         "improve, by area."},
        {"recommendations", &l_recommendation, 0,
         "The inspectors' recommendations."},
        {"summary", &t_text, 0, "What the inspection concluded."},
        {"earlier", &l_earlier, 0,
         "Earlier inspections and visits of the same service, newest "
         "first."},
        {NULL, NULL, 0, NULL}};
static const struct schema_node m_inspection = {
        .kind = SCHEMA_MAP,
        .name = "inspection",
        .expect = "an inspection (a map with body, framework, dates, "
                  "judgements)",
        .fields = inspection_fields,
        .rule = inspection_rule};

/* The action plan. */
static void action_rule(struct schema_check *c, const struct value *map);
static const struct schema_field action_fields[] = {
        {"id", &t_action_id, REQ,
         "A short id, unique among the actions, such as P1.1."},
        {"text", &t_text, REQ, "What will be done."},
        {"owner", &t_string, 0, "Who is accountable, usually a role."},
        {"due", &t_target, 0, "When it is due."},
        {"status", &t_status, 0,
         "Where it stands (not_started when "
         "absent)."},
        {"done_on", &t_date, 0, "When it was done; only with status done."},
        {"measure", &t_text, 0, "How success will be known."},
        {"answers", &l_recommendation_ref, 0,
         "The inspection recommendations this action answers."},
        {"note", &t_text, 0, "A remark printed with the action."},
        {"added", &t_quarter, 0,
         "The quarter an action joined the plan, when a quarterly update "
         "adds it: 2019-20 Q4."},
        {"replaces", &t_bool, 0,
         "In a file that extends another: true when this action replaces "
         "the one with the same id on purpose."},
        {NULL, NULL, 0, NULL}};
static const struct schema_node m_action = {
        .kind = SCHEMA_MAP,
        .name = "action",
        .expect = "an action (a map with id, text, owner, due, status)",
        .fields = action_fields,
        .rule = action_rule};
LIST(l_action, "a list of actions", &m_action);

static const struct schema_field priority_fields[] = {
        {"id", &t_priority_id, REQ,
         "A short id, unique among the priorities, such as P1."},
        {"title", &t_string, REQ, "The priority's title."},
        {"owner", &t_string, 0, "Who leads the priority, usually a role."},
        {"issue", &t_text, 0, "What the issue is and why it matters."},
        {"done", &t_text, 0, "What has been done so far."},
        {"planned", &t_text, 0, "What else is planned."},
        {"answers", &l_recommendation_ref, 0,
         "The inspection recommendations this priority answers."},
        {"actions", &l_action, 0, "The actions, in order."},
        {NULL, NULL, 0, NULL}};
MAP(m_priority, "priority", "a priority (a map with id, title, actions)",
    priority_fields);
LIST(l_priority, "a list of priorities", &m_priority);

static const struct schema_field action_plan_fields[] = {
        {"title", &t_string, 0, "The plan's name."},
        {"due_days", &t_days, 0,
         "Days after the inspection report's publication by which the plan "
         "is due."},
        {"owner", &t_string, 0, "Who is accountable for the whole plan."},
        {"priorities", &l_priority, 0, "The plan's priorities, in order."},
        {NULL, NULL, 0, NULL}};
MAP(m_action_plan, "action_plan",
    "an action plan (a map with due_days, "
    "priorities)",
    action_plan_fields);

/* Progress. */
static const struct schema_field update_fields[] = {
        {"status", &t_status, 0,
         "The action's status at the end of the "
         "quarter."},
        {"note", &t_text, 0, "What happened this quarter."},
        {"done_on", &t_date, 0, "When the action was done."},
        {"due", &t_target, 0, "A revised due date."},
        {NULL, NULL, 0, NULL}};
static void update_rule(struct schema_check *c, const struct value *map);
static const struct schema_node m_update = {
        .kind = SCHEMA_MAP,
        .name = "update",
        .expect = "an update (a map with status, note, done_on, due)",
        .fields = update_fields,
        .rule = update_rule};
static const struct schema_node d_update = {
        .kind = SCHEMA_DICT,
        .expect = "a map from action ids to updates",
        .elem = &m_update,
        .key_refers = &scope_action};

static const struct schema_field quarter_fields[] = {
        {"as_of", &t_date, 0, "The date the figures were taken."},
        {"summary", &t_text, 0, "An overview of the quarter."},
        {"updates", &d_update, 0, "Changes to actions, keyed by action id."},
        {NULL, NULL, 0, NULL}};
MAP(m_quarter, "progress_quarter",
    "a quarter's progress (a map with as_of, summary, updates)",
    quarter_fields);
/* Keyed by quarter rather than a list, so that each quarterly file that
 * extends the last adds its own quarter by the ordinary merge of maps. */
static const struct schema_node d_quarter = {
        .kind = SCHEMA_DICT,
        .expect = "a map from quarters (like 2019-20 Q3) to progress",
        .key = &t_quarter,
        .elem = &m_quarter};

/* Figures. */
static const struct schema_field figure_fields[] = {
        {"label", &t_string, REQ, "What the number is, in words."},
        {"value", &t_number, REQ,
         "The number, unformatted: 800000, not "
         "£800,000."},
        {"unit", &t_string, 0,
         "GBP, percent, per 10,000 children, and so "
         "on."},
        {"as_of", &t_date, 0, "When the number was true."},
        {"source", &t_string, 0, "Where the number comes from."},
        {"compare", &d_number, 0,
         "Numbers to compare with, keyed by what they are, such as "
         "England."},
        {NULL, NULL, 0, NULL}};
MAP(m_figure, "figure", "a figure (a map with label, value, unit)",
    figure_fields);
static const struct schema_node d_figure = {
        .kind = SCHEMA_DICT, .expect = "a map of figures", .elem = &m_figure};

/* The narrative. */
static const struct schema_node l_row = {
        .kind = SCHEMA_LIST, .expect = "a list of rows", .elem = &l_text};
static const struct schema_field table_fields[] = {
        {"caption", &t_string, 0, "The table's caption."},
        {"head", &l_string, 0, "The column headings."},
        {"rows", &l_row, REQ, "The rows, each a list of cells (Markdown)."},
        {NULL, NULL, 0, NULL}};
MAP(m_table, "table", "a table (a map with caption, head, rows)", table_fields);

/* A block a section shows: its name, or a map placing it on its own. */
static const struct schema_field shown_block_fields[] = {
        {"block", &t_name, REQ,
         "The block's name: judgements, findings, priorities..."},
        {"after", &t_after, 0,
         "Places this block after this paragraph of the prose; without "
         "it, the block goes where the section's after: puts its "
         "blocks."},
        {NULL, NULL, 0, NULL}};
static const struct schema_node m_shown_block = {
        .kind = SCHEMA_MAP,
        .name = "shown_block",
        .called = "a show: item",
        .expect = "a block placed on its own (a map with block, after)",
        .fields = shown_block_fields};
static const struct schema_node t_shown = {
        .kind = SCHEMA_NAME,
        .name = "name",
        .expect = "a block's name (judgements, findings ...) or a map "
                  "with block and after",
        .or_map = &m_shown_block};
static const struct schema_node l_shown = {
        .kind = SCHEMA_LIST,
        .expect = "a list of blocks, such as [judgements, findings]",
        .elem = &t_shown};

static const struct schema_node m_section;
LIST(l_section, "a list of sections", &m_section);
static const struct schema_field section_fields[] = {
        {"title", &t_string, REQ, "The heading."},
        {"id", &t_section_id, 0,
         "A name for links and for the theme, unique among sections."},
        {"numbered", &t_bool, 0,
         "false to leave the heading and its paragraphs unnumbered."},
        {"body", &t_text, 0, "The prose."},
        {"show", &l_shown, 0,
         "Structured blocks placed after the prose, by name (judgements, "
         "findings, priorities...), or each placed on its own: {block: "
         "findings, after: 3}."},
        {"after", &t_after, 0,
         "Places the show: blocks after this paragraph of the prose, "
         "not after all of it."},
        {"table", &m_table, 0, "A table placed after the prose."},
        {"sections", &l_section, 0, "Subsections."},
        {NULL, NULL, 0, NULL}};
static const struct schema_node m_section = {
        .kind = SCHEMA_MAP,
        .name = "section",
        .expect = "a section (a map with title, body, sections)",
        .fields = section_fields};

static const struct schema_field other_implication_fields[] = {
        {"title", &t_string, REQ, "The heading."},
        {"body", &t_text, REQ, "The implication."},
        {NULL, NULL, 0, NULL}};
MAP(m_other_implication, "implication",
    "an implication (a map with title, "
    "body)",
    other_implication_fields);
LIST(l_other_implication, "a list of implications", &m_other_implication);

static const struct schema_field implications_fields[] = {
        {"financial", &t_text, 0, "Financial implications."},
        {"legal", &t_text, 0, "Legal implications."},
        {"crime_and_disorder", &t_text, 0,
         "Crime and disorder "
         "implications."},
        {"equalities", &t_text, 0, "Equalities implications."},
        {"environmental", &t_text, 0, "Environmental implications."},
        {"climate", &t_text, 0, "Climate change implications."},
        {"health_and_wellbeing", &t_text, 0,
         "Health and wellbeing "
         "implications."},
        {"human_resources", &t_text, 0, "Staffing implications."},
        {"risk", &t_text, 0, "Risks and how they are managed."},
        {"safeguarding", &t_text, 0, "Safeguarding implications."},
        {"corporate_parenting", &t_text, 0,
         "Implications for the council as "
         "corporate parent."},
        {"other", &l_other_implication, 0,
         "Implications under headings of the report's own."},
        {NULL, NULL, 0, NULL}};
MAP(m_implications, "implications", "a map of implications by heading",
    implications_fields);

static const struct schema_field paper_fields[] = {
        {"title", &t_string, REQ, "The paper's title."},
        {"date", &t_date, 0, "The paper's date."},
        {"held_at", &t_string, 0, "Where a copy can be inspected."},
        {"contact", &t_string, 0, "Who to ask for it."},
        {"url", &t_url, 0, "Where it can be read online."},
        {NULL, NULL, 0, NULL}};
MAP(m_paper, "background_paper",
    "a background paper (a map with title, "
    "url)",
    paper_fields);
LIST(l_paper, "a list of background papers", &m_paper);

static const struct schema_field appendix_fields[] = {
        {"label", &t_string, REQ,
         "How the report refers to it: Appendix A, "
         "Appendix 1."},
        {"title", &t_string, REQ, "The appendix's title."},
        {"exempt", &t_bool, 0, "true when the appendix is exempt (Part 2)."},
        {"file", &t_string, 0,
         "A separate document, relative to the report "
         "file."},
        {"url", &t_url, 0, "Where it can be read online."},
        {"body", &t_text, 0,
         "The appendix's text, when printed with the "
         "report."},
        {"sections", &l_section, 0, "The appendix's sections."},
        {NULL, NULL, 0, NULL}};
MAP(m_appendix, "appendix", "an appendix (a map with label, title)",
    appendix_fields);
LIST(l_appendix, "a list of appendices", &m_appendix);

static const struct schema_field glossary_fields[] = {
        {"term", &t_term, REQ,
         "The term or abbreviation, unique in the "
         "glossary."},
        {"expansion", &t_string, 0, "What an abbreviation stands for."},
        {"definition", &t_text, REQ, "What it means."},
        {"url", &t_url, 0, "Where to read more."},
        {NULL, NULL, 0, NULL}};
MAP(m_glossary, "glossary_entry",
    "a glossary entry (a map with term, "
    "definition)",
    glossary_fields);
LIST(l_glossary, "a list of glossary entries", &m_glossary);

static const struct schema_field consultation_fields[] = {
        {"name", &t_string, REQ, "Who was consulted."},
        {"role", &t_string, 0, "Their job title or office."},
        {"sent", &t_date, 0, "When the draft was sent to them."},
        {"cleared", &t_date, 0, "When they cleared it."},
        {"comment", &t_text, 0, "What they said."},
        {NULL, NULL, 0, NULL}};
MAP(m_consultation, "consultation",
    "a consultation (a map with name, role, "
    "sent, cleared)",
    consultation_fields);
LIST(l_consultation, "a list of consultations", &m_consultation);

static const struct schema_field revision_fields[] = {
        {"version", &t_string, REQ,
         "The version, kept as written: 1.10 is "
         "not 1.1."},
        {"date", &t_date, REQ, "When it was made."},
        {"change", &t_text, 0, "What changed."},
        {NULL, NULL, 0, NULL}};
MAP(m_revision, "revision", "a revision (a map with version, date, change)",
    revision_fields);
LIST(l_revision, "a list of revisions", &m_revision);

static const struct schema_field audit_fields[] = {
        {"lead_officer", &m_person, 0,
         "The officer responsible for the "
         "report."},
        {"version", &t_string, 0,
         "The version of the report, kept as "
         "written."},
        {"consultations", &l_consultation, 0,
         "Who was consulted on the draft and when they cleared it."},
        {"history", &l_revision, 0, "The report's versions, oldest first."},
        {NULL, NULL, 0, NULL}};
MAP(m_audit, "audit_trail",
    "an audit trail (a map with lead_officer, "
    "consultations)",
    audit_fields);

/* The top level. */
static const struct schema_field file_fields[] = {
        {"clerk", &t_version, REQ, "The schema version: 1."},
        {"council", &t_name, 0,
         "The council whose theme renders the report, such as lewisham."},
        {"extends", &t_string, 0,
         "Another report file, relative to this one, that this file builds "
         "on."},
        {"hooks", &l_string, 0,
         "Lua hooks to run after the theme's: a library name (plan) or a "
         "path beside the report (local/rates.lua)."},
        {"meeting", &m_meeting, REQ, "The meeting the report goes to."},
        {"report", &m_report, REQ, "The report's front matter."},
        {"inspection", &m_inspection, 0,
         "The inspection the report is "
         "about."},
        {"action_plan", &m_action_plan, 0,
         "The plan that answers the inspection."},
        {"progress", &d_quarter, 0,
         "Progress on the plan by financial-year quarter (Q1 is April to "
         "June), oldest first."},
        {"series", &d_series, 0,
         "Numbers over time for charts and trends: each a map from period to "
         "number."},
        {"figures", &d_figure, 0,
         "Single numbers the report quotes, by "
         "name."},
        {"sections", &l_section, 0, "The narrative, in order."},
        {"implications", &m_implications, 0,
         "The implications, by "
         "heading."},
        {"background_papers", &l_paper, 0, "The background papers."},
        {"appendices", &l_appendix, 0, "The appendices."},
        {"glossary", &l_glossary, 0, "Terms and abbreviations explained."},
        {"audit_trail", &m_audit, 0,
         "Who wrote, cleared and changed the "
         "report."},
        {"extra", &t_any, 0,
         "Free data for a council's own templates; not checked."},
        {NULL, NULL, 0, NULL}};
const struct schema_node schema_report_file = {.kind = SCHEMA_MAP,
                                               .name = "report_file",
                                               .expect = "a report (a map)",
                                               .fields = file_fields};

/* Rules across fields. */

static void meeting_rule(struct schema_check *c, const struct value *map)
{
	const struct value *cls = value_map_get(map, "class");
	const struct value *ex = value_map_get(map, "exemption");
	bool part2 = schema_present(cls) && cls->text &&
	             strcmp(cls->text, "Part 2") == 0;
	if (part2 && !schema_present(ex))
		schema_error(c, "part-2-exemption", cls->pos, "class",
		             "a Part 2 report needs an exemption (the "
		             "paragraph of Schedule 12A that applies)");
	else if (!part2 && schema_present(ex))
		schema_error(c, "part-2-exemption", ex->pos, "exemption",
		             "only a Part 2 report is exempt; set class: "
		             "Part 2 or remove the exemption");
}

/* Dates are checked as YYYY-MM-DD before rules run, so they compare as
 * strings. */
static const struct value *date_of(const struct value *map, const char *key)
{
	const struct value *v = value_map_get(map, key);
	return schema_present(v) && v->kind == VALUE_STRING && v->len == 10
	               ? v
	               : NULL;
}

static void inspection_rule(struct schema_check *c, const struct value *map)
{
	const struct value *from = date_of(map, "from");
	const struct value *to = date_of(map, "to");
	const struct value *published = date_of(map, "published");
	if (from && to && strcmp(to->text, from->text) < 0)
		schema_error(c, "inspection-dates", to->pos, "to",
		             "the inspection ends (%s) before it starts (%s)",
		             to->text, from->text);
	if (published && to && strcmp(published->text, to->text) < 0)
		schema_error(c, "inspection-dates", published->pos, "published",
		             "the report is published (%s) before the "
		             "inspection ends (%s)",
		             published->text, to->text);
}

static void action_rule(struct schema_check *c, const struct value *map)
{
	const struct value *status = value_map_get(map, "status");
	const struct value *done_on = value_map_get(map, "done_on");
	if (schema_present(done_on) && schema_present(status) && status->text &&
	    strcmp(status->text, "done") != 0)
		schema_error(c, "done-on-not-done", done_on->pos, "done_on",
		             "an action with a done_on date must have status "
		             "done, not %s",
		             status->text);
}

/* An update's done_on records when the action was done, so it comes with
 * status done in the same update; otherwise the date would be ignored. */
static void update_rule(struct schema_check *c, const struct value *map)
{
	const struct value *status = value_map_get(map, "status");
	const struct value *done_on = value_map_get(map, "done_on");
	if (!schema_present(done_on))
		return;
	if (!schema_present(status))
		schema_error(c, "done-on-not-done", done_on->pos, "done_on",
		             "an update with a done_on date must also say "
		             "status: done, or the date is ignored; add "
		             "status: done or remove done_on");
	else if (status->text && strcmp(status->text, "done") != 0)
		schema_error(c, "done-on-not-done", done_on->pos, "done_on",
		             "an update with a done_on date must have status "
		             "done, not %s; set status: done or remove done_on",
		             status->text);
}
