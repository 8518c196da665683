* Feature sampler questionnaire.
* Template example-all-features 1.0.0 (sha256-944068c388319062c823e6bea1ea9a00d6001ea67b7ee4105ecb7b16fd4e745e), written by kizuki.
* Reads the wide CSV with codes (UTF-8). SET UNICODE ON must run before any data set is open.
SET UNICODE ON.
GET DATA
  /TYPE=TXT
  /FILE='data/responses.csv'
  /ENCODING='UTF8'
  /ARRANGEMENT=DELIMITED
  /DELCASE=LINE
  /FIRSTCASE=2
  /DELIMITERS=','
  /QUALIFIER='"'
  /VARIABLES=
    respondentId A64
    email A600
    sex F1.0
    age F2.0
    children F2.0
    birth_date SDATE10
    arrangements_1 F1.0
    arrangements_2 F1.0
    arrangements_3 F1.0
    arrangements_4 F1.0
    arrangements_5 F1.0
    arrangements_6 F1.0
    arrangements_other A3000
    telework_days F12.4
    leave_plan F1.0
    workload F1.0
    v_care F1.0
    v_lead F1.0
    v_share F1.0
    why_leave_r1 F1.0
    why_leave_r2 F1.0
    why_leave_r3 F1.0
    why_leave_other A3000
    comment A6000
    score_check F1.0
    care_support F1.0
    locale A16
    startedAt A30
    submittedAt A30
    seed F10.0
.

VARIABLE LABELS
  respondentId 'Respondent ID'
  /email 'Your e-mail, if you want the results (optional)'
  /sex 'Sex'
  /age 'Age'
  /children 'Number of children living with you'
  /birth_date 'Date of birth (optional)'
  /arrangements_1 'Arrangements you have used (up to 3): Telework'
  /arrangements_2 'Arrangements you have used (up to 3): Flextime'
  /arrangements_3 'Arrangements you have used (up to 3): Shorter hours'
  /arrangements_4 'Arrangements you have used (up to 3): Childcare leave'
  /arrangements_5 'Arrangements you have used (up to 3): Other'
  /arrangements_6 'Arrangements you have used (up to 3): None of these'
  /arrangements_other 'Arrangements you have used (up to 3): other (specified)'
  /telework_days 'Telework days per week (average)'
  /leave_plan 'If you have another child, would you like to take childcare leave?'
  /workload 'How satisfied are you with your workload?'
  /v_care 'Caring for family members is mainly women''s work'
  /v_lead 'Men are better suited to lead a team'
  /v_share 'It is natural for a household to share the housework'
  /why_leave_r1 'Rank up to three main reasons people leave the area, most important first: rank 1'
  /why_leave_r2 'Rank up to three main reasons people leave the area, most important first: rank 2'
  /why_leave_r3 'Rank up to three main reasons people leave the area, most important first: rank 3'
  /why_leave_other 'Rank up to three main reasons people leave the area, most important first: other (specified)'
  /comment 'Tell us more, for example why you chose {why_leave}'
  /score_check 'Was this sample easy to answer?'
  /care_support 'My workplace supports me in combining work and childcare'
  /locale 'Response language'
  /startedAt 'Started at'
  /submittedAt 'Submitted at'
  /seed 'Randomisation seed'
.

VALUE LABELS
  sex
    1 'Male'
    2 'Female'
    3 'Other'
    9 'Prefer not to say'
  /arrangements_1 arrangements_2 arrangements_3 arrangements_4 arrangements_5 arrangements_6
    0 'Not chosen'
    1 'Chosen'
  /leave_plan
    1 'Yes'
    2 'No'
    3 'Not sure'
  /workload
    1 'Satisfied'
    2 'Fairly satisfied'
    3 'Neither'
    4 'Fairly dissatisfied'
    5 'Dissatisfied'
  /v_care v_lead v_share care_support
    1 'Agree'
    2 'Somewhat agree'
    3 'Somewhat disagree'
    4 'Disagree'
    9 'Don''t know'
  /why_leave_r1 why_leave_r2 why_leave_r3
    1 'No jobs I want'
    2 'Low pay'
    3 'Expectations based on sex'
    4 'Further education'
    5 'Other'
  /score_check
    1 'Yes'
    2 'No'
.

MISSING VALUES sex v_care v_lead v_share care_support (9)
  /leave_plan (3).

VARIABLE LEVEL sex arrangements_1 arrangements_2 arrangements_3 arrangements_4 arrangements_5 arrangements_6 leave_plan why_leave_r1 why_leave_r2 why_leave_r3 score_check (NOMINAL)
  /workload v_care v_lead v_share care_support (ORDINAL)
  /age children birth_date telework_days seed (SCALE).

MRSETS
  /MDGROUP NAME=$arrangements LABEL='Arrangements you have used (up to 3)'
    VARIABLES=arrangements_1 arrangements_2 arrangements_3 arrangements_4 arrangements_5 arrangements_6 VALUE=1
.

EXECUTE.
