local t = require "tap"
local dates = require "dates"

-- Formats
t.eq(dates.parse("2016-01-20"), "2016-01-20", "ISO dates read as they are")
t.eq(dates.parse("20 January 2016"), "2016-01-20", "reads 20 January 2016")
t.eq(dates.parse("20th January 2016"), "2016-01-20", "reads 20th January 2016")
t.eq(dates.parse("Thursday 18th February 2016"), "2016-02-18", "reads a weekday and an ordinal")
t.eq(dates.parse("1st Sept 2019"), "2019-09-01", "reads short month names")
t.fails(function() dates.parse("2019-02-29") end, "not a real date", "refuses 29 February in a common year")
t.eq(dates.parse("2020-02-29"), "2020-02-29", "accepts 29 February in a leap year")
t.fails(function() dates.parse("32 January 2016") end, "is not a date", "refuses 32 January")
t.fails(function() dates.parse("20nd January 2016") end, "is not a date", "refuses a wrong ordinal suffix")
t.eq(dates.long("2020-01-14"), "14 January 2020", "long form")
t.eq(dates.long("2019-08-20"), "20 August 2019", "long form of the 2019 publication")
t.eq(dates.short("2020-01-14"), "14 Jan 2020", "short form")
t.eq(dates.short("2020-09-30"), "30 Sept 2020", "short form of September")
t.eq(dates.ordinal("2016-01-20"), "20th January 2016", "ordinal form")
t.eq(dates.ordinal("2016-02-01"), "1st February 2016", "1st")
t.eq(dates.ordinal("2016-02-22"), "22nd February 2016", "22nd")
t.eq(dates.ordinal("2016-02-23"), "23rd February 2016", "23rd")
t.eq(dates.ordinal("2016-02-11"), "11th February 2016", "11th")
t.eq(dates.ordinal("2016-02-12"), "12th February 2016", "12th")
t.eq(dates.month_year("2019-08-20"), "August 2019", "month and year")
t.eq(dates.weekday("2016-03-01"), "Tuesday", "1 March 2016 was a Tuesday")
t.eq(dates.today(), clerk.as_of, "today is the as-of date")

-- Arithmetic
t.eq(dates.add_days("2016-01-20", 70), "2016-03-30", "a plan due 70 days after 20 January 2016 is 30 March 2016")
t.eq(dates.add_days("20th January 2016", 70), "2016-03-30", "add_days reads the long form")
t.eq(dates.add_days("2019-12-31", 1), "2020-01-01", "add_days crosses a year")
t.eq(dates.add_days("2020-03-01", -1), "2020-02-29", "add_days goes back over a leap day")
t.eq(dates.days_between("2016-01-20", "2016-03-30"), 70, "days between")
t.eq(dates.days_between("2016-03-30", "2016-01-20"), -70, "days between, backwards")
t.eq(dates.compare("2016-01-20", "2016-03-30"), -1, "compare earlier")
t.eq(dates.compare("2016-03-30", "30 March 2016"), 0, "compare the same day in two forms")
t.ok(dates.before("2016-01-20", "2016-01-21"), "before")

-- Working days
t.eq(dates.bank_holiday("2016-03-25"), "Good Friday", "Good Friday 2016")
t.eq(dates.bank_holiday("2020-05-08"), "Early May bank holiday (VE Day)", "the 2020 early May holiday moved to 8 May")
t.eq(dates.bank_holiday("2020-05-04"), nil, "4 May 2020 was not a holiday")
t.eq(dates.bank_holiday("2022-09-19"), "State funeral of Queen Elizabeth II", "the 2022 state funeral")
t.eq(dates.bank_holiday("2021-12-28"), "Boxing Day", "Boxing Day 2021 moved to the Tuesday")
t.ok(not dates.is_working_day("2016-03-28"), "Easter Monday 2016 is not a working day")
t.ok(not dates.is_working_day("2016-02-20"), "a Saturday is not a working day")
t.ok(dates.is_working_day("2016-02-18"), "a Thursday is a working day")
t.eq(dates.add_working_days("2016-02-19", 1), "2016-02-22", "one working day after a Friday is the Monday")
t.eq(dates.add_working_days("2016-03-24", 1), "2016-03-29", "over Easter 2016")
t.eq(dates.add_working_days("2016-03-29", -1), "2016-03-24", "back over Easter 2016")
t.eq(dates.add_working_days("2019-12-20", 5), "2019-12-31", "over Christmas 2019")
t.eq(dates.add_working_days("2019-12-20", 6), "2020-01-02", "over Christmas and New Year 2019")
t.eq(dates.working_days_between("2016-02-18", "2016-03-01"), 8, "working days from 18 February to 1 March 2016")
t.eq(dates.working_days_between("2016-03-01", "2016-02-18"), -8, "working days backwards")
t.fails(function() dates.is_working_day("2031-01-02") end, "known for 2010 to 2030", "years past the table are refused")
local years = {}
for d in pairs(dates.BANK_HOLIDAYS) do
	local y = tonumber(d:sub(1, 4))
	years[y] = (years[y] or 0) + 1
end
local covered = true
for y = 2010, 2030 do
	covered = covered and (years[y] or 0) >= 8
end
t.ok(covered, "every year 2010 to 2030 has at least 8 bank holidays")

-- Financial years
t.eq(dates.financial_year("2019-07-01"), "2019/20", "financial year of a July date")
t.eq(dates.financial_year("2020-03-31"), "2019/20", "31 March is the last day")
t.eq(dates.financial_year("2020-04-01"), "2020/21", "1 April starts the next")
t.eq(dates.financial_year("2019-07-01", "-"), "2019-20", "written 2019-20")
t.eq(dates.financial_year("2019-20", "/", "short"), "19/20", "short form")
t.eq(dates.financial_year("2099/00"), "2099/00", "a year across a century")
t.eq(dates.financial_year_of("2012-01-05"), 2011, "financial_year_of")
t.eq(dates.financial_year_start("2019/20"), "2019-04-01", "start of 2019/20")
t.eq(dates.financial_year_end("2019-20"), "2020-03-31", "end of 2019-20")
t.fails(function() dates.financial_year("2019/21") end, "not a financial year", "refuses 2019/21")

-- Quarters
t.eq(dates.quarter("2011-11-15"), "Q3 2011/12", "the quarter that holds a date")
t.eq(dates.quarter("2011-11-15", "short"), "Q3 11/12", "short quarter")
t.eq(dates.quarter("2012-02-01", "short"), "Q4 11/12", "January to March is Q4")
t.eq(dates.quarter("2019-04-01"), "Q1 2019/20", "April starts Q1")
t.eq(dates.quarter("Q3 11/12", "data"), "2011-12 Q3", "data form")
t.eq(dates.quarter("2019-20 Q3"), "Q3 2019/20", "reads the data form")
t.eq(dates.quarter("Quarter 2 of 2020/21", "short"), "Q2 20/21", "reads words")
t.eq(dates.quarter("Q3 2019/20", "words"), "Quarter 3 of 2019/20", "words form")
t.eq(dates.quarter_start("Q3 11/12"), "2011-10-01", "Q3 of 2011/12 starts 1 October 2011")
t.eq(dates.quarter_end("Q3 11/12"), "2011-12-31", "Q3 of 2011/12 ends 31 December 2011")
t.eq(dates.quarter_months("Q3 11/12"), "October to December 2011", "Q3 of 2011/12 is October to December 2011")
t.eq(dates.quarter_months("Q4 2019/20"), "January to March 2020", "Q4 of 2019/20 is January to March 2020")
t.eq(dates.quarter_end("Q4 2019/20"), "2020-03-31", "Q4 ends 31 March")
t.eq(dates.quarter_add("Q4 2019/20", 1), "Q1 2020/21", "the quarter after Q4")
t.eq(dates.quarter_add("Q1 2020/21", -1, "data"), "2019-20 Q4", "the quarter before Q1")
t.ok(dates.quarter_index("Q1 2020/21") > dates.quarter_index("Q4 2019/20"), "quarter_index orders quarters")
t.ok(dates.in_quarter("2019-12-31", "Q3 2019/20"), "in_quarter")
t.ok(not dates.in_quarter("2020-01-01", "Q3 2019/20"), "not in_quarter")
t.fails(function() dates.quarter("Q5 2019/20") end, "is not a quarter", "refuses Q5")

-- target dates: a month by its last day, a year by 31 December
t.eq(dates.target("2016-03"), "2016-03-31", "a month counts as its last day")
t.eq(dates.target("2016-02"), "2016-02-29", "February of a leap year")
t.eq(dates.target("2015-02"), "2015-02-28", "February of another year")
t.eq(dates.target(2016), "2016-12-31", "a year (a YAML number) counts as 31 December")
t.eq(dates.target("2016"), "2016-12-31", "a year as text")
t.eq(select(2, dates.target("2016-03")), "month", "says a month was written")
t.eq(dates.target("2016-03-15"), "2016-03-15", "a whole date is itself")
t.fails(function() dates.target("2016-13") end, "there is no month 13", "refuses month 13")
t.eq(dates.target(2016), "2016-12-31", "a year read again counts as the same day")
t.fails(function() dates.target(2016.0) end, "expected a date", "2016.0 is no year, after 2016 as before")
t.eq(select(2, dates.target("2016-03")), "month", "a month read again still says a month")
t.eq(select(2, dates.try_parse("31/03/2020")), select(2, dates.try_parse("31/03/2020")),
	"a text that is no date gives the same message each time")
t.eq(dates.long("2016-03"), "March 2016", "a month in words")
t.eq(dates.short("2016-09"), "Sept 2016", "a month for tables")
t.eq(dates.long(2016), "2016", "a year in words")

return t.done()
