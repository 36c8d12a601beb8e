// Dates: each value read in each format (a table of inputs → ISO days), and the format of a whole column
// decided from all its values, with ambiguous columns and unreadable values reported.
import { describe, expect, it } from "vitest";
import { guessDateFormat, readDate, readDateIn } from "@/lib/import/mapping/dates";
import type { DateFormat } from "@/lib/import/mapping/types";

const READS: [DateFormat, unknown, string | null, string?][] = [
  ["iso", "2021-08-05", "2021-08-05"],
  ["iso", "2021-08-05T23:30:00-05:00", "2021-08-05"],
  ["iso", "2017-01-01 00:00:00.000", "2017-01-01"],
  ["iso", "2021/8/5", "2021-08-05"],
  ["iso", "2021-02-30", null],
  ["dmy", "29/12/2015", "2015-12-29"],
  ["dmy", "5.8.2021", "2021-08-05"],
  ["dmy", "05-08-21", "2021-08-05"],
  ["dmy", "29/12/2015 00:00", "2015-12-29"],
  ["dmy", "12/29/2015", null],
  ["mdy", "02/24/2022", "2022-02-24"],
  ["mdy", "08/05/2021", "2021-08-05"],
  ["d-mmm-yy", "9-May-20", "2020-05-09"],
  ["d-mmm-yy", "31-Dec-97", "1997-12-31"],
  ["d-mmm-yy", "9-Mai-20", null],
  ["d mmmm yyyy", "05 August 2021", "2021-08-05"],
  ["d mmmm yyyy", "5 Aug 2021", "2021-08-05"],
  ["d mmmm yyyy", "5 Sept. 2021", "2021-09-05"],
  ["d mmmm yyyy", "August 5, 2021", "2021-08-05"],
  ["d mmmm yyyy", "31 June 2021", null],
  ["excel-serial", 44413, "2021-08-05"],
  ["excel-serial", "43960", "2020-05-09"],
  ["excel-serial", 2021, null],
  ["unix", "1628121600", "2021-08-05"],
  ["unix", 1628207999, "2021-08-05"],
  ["yyyymmdd", "20210805", "2021-08-05"],
  ["yyyymmdd", 20230312, "2023-03-12"],
  ["yyyymmdd", "20210805103000", "2021-08-05"],
  ["yyyymmdd", "20210230", null],
  ["yyyymmdd", "1628121600", null],
  ["yyyymmdd", "2021", null],
  ["month-year", "August 2021", "2021-08-01", "2021-08-31"],
  ["month-year", "2020-02", "2020-02-01", "2020-02-29"],
  ["month-year", "Feb-21", "2021-02-01", "2021-02-28"],
  ["year", "2021", "2021-01-01", "2021-12-31"],
  ["year", 1997, "1997-01-01", "1997-12-31"],
  ["year", "44413", null],
];

describe("readDate", () => {
  it.each(READS)("%s reads %j as %s", (format, value, date, end) => {
    const got = readDate(value, format);
    if (date === null) expect(got).toBeNull();
    else expect(got).toEqual({ date, ...(end ? { end, precision: 3 } : {}) });
  });

  it("reads two-digit years with the stated pivot", () => {
    expect(readDate("1-Jan-29", "d-mmm-yy")?.date).toBe("2029-01-01");
    expect(readDate("1-Jan-30", "d-mmm-yy")?.date).toBe("1930-01-01");
    expect(readDate("1-Jan-30", "d-mmm-yy", 50)?.date).toBe("2030-01-01");
  });

  it("takes an xlsx Date as its UTC day in any format", () => {
    expect(readDate(new Date(Date.UTC(2021, 7, 5)), "dmy")).toEqual({ date: "2021-08-05" });
  });
});

describe("guessDateFormat", () => {
  it("settles dmy and mdy by any value whose day is over 12", () => {
    expect(guessDateFormat("EVENT_DATE", ["01/02/2016", "29/12/2015", ""])).toEqual({ column: "EVENT_DATE", candidates: ["dmy"], ambiguous: false, unreadable: [] });
    expect(guessDateFormat("date", ["02/24/2022", "03/01/2022"]).candidates).toEqual(["mdy"]);
  });

  it("reports a column no value settles as ambiguous, dmy proposed first", () => {
    expect(guessDateFormat("date", ["01/02/2016", "03/04/2016"])).toMatchObject({ candidates: ["dmy", "mdy"], ambiguous: true });
  });

  it.each([
    [["9-May-20", "10-May-20"], "d-mmm-yy"],
    [["05 August 2021", "5 Aug 2021"], "d mmmm yyyy"],
    [["2021-08-05", "2021-08-06T10:00:00Z"], "iso"],
    [[44413, "44414"], "excel-serial"],
    [["1628121600"], "unix"],
    [["20230312", 20230313], "yyyymmdd"],
    [["2021", 2020], "year"],
    [["August 2021", "Sep 2021"], "month-year"],
  ] as [unknown[], DateFormat][])("finds %j to be %s", (values, format) => {
    expect(guessDateFormat("d", values)).toMatchObject({ candidates: [format], ambiguous: false, unreadable: [] });
  });

  it("proposes the format that reads most and lists the values it cannot read, with counts", () => {
    expect(guessDateFormat("d", ["2021-08-05", "2021-08-06", "yesterday", "yesterday", "n/a"])).toEqual({
      column: "d",
      candidates: ["iso"],
      ambiguous: false,
      unreadable: [
        { value: "yesterday", count: 2 },
        { value: "n/a", count: 1 },
      ],
    });
  });

  it("proposes nothing for an empty column or when nothing reads", () => {
    expect(guessDateFormat(null, [])).toMatchObject({ candidates: [], ambiguous: false });
    expect(guessDateFormat("d", ["", " "])).toMatchObject({ candidates: [] });
    expect(guessDateFormat("d", ["soon"])).toMatchObject({ candidates: [], unreadable: [{ value: "soon", count: 1 }] });
  });
});

describe("self-describing dates in any column", () => {
  it("reads ISO and named-month values whatever the column's format, ambiguous forms only in it", () => {
    expect(guessDateFormat("d", ["29 July 2021", "2021-07-30", "30 July 2021"])).toEqual({ column: "d", candidates: ["d mmmm yyyy", "iso"], ambiguous: false, unreadable: [] });
    expect(guessDateFormat("d", ["29/12/2015", "2016-01-02"])).toMatchObject({ candidates: ["dmy"], ambiguous: false });
    expect(readDateIn("2021-07-30", "dmy")).toEqual({ date: "2021-07-30" });
    expect(readDateIn("5 Aug 2021", "mdy")).toEqual({ date: "2021-08-05" });
    expect(readDateIn("08/05/2021", "iso")).toBeNull();
  });
});
