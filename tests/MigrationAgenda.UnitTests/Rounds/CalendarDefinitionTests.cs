using System.Text.Json;
using MigrationAgenda.Rounds;
using MigrationAgenda.Rounds.Calendar;
using MigrationAgenda.Storage;
using MigrationAgenda.TestSupport;

namespace MigrationAgenda.UnitTests.Rounds;

/// <summary>The calendar of a report definition: read from JSON, checked with Dutch messages per field, used as working days.</summary>
public sealed class CalendarDefinitionTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("calendar-definitions-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static IReadOnlyDictionary<string, string[]> Errors(CalendarDefinition calendar, string prefix = "definition")
    {
        var errors = new ValidationErrors();
        ReportDefinitionValidator.Validate(SamplePlans.ImaDefinition() with { Calendar = calendar }, errors, prefix);
        return errors.ToDictionary();
    }

    [Fact]
    public void The_shipped_IMA_definition_counts_working_days_at_nine_and_closes_between_Christmas_and_New_Year()
    {
        var calendar = new DefinitionCatalog().Find("ima")!.Calendar!;

        Assert.True(calendar.WorkingDays);
        Assert.Equal(new TimeOnly(9, 0), CalendarDefinition.ParseTimeOfDay(calendar.TimeOfDay));
        Assert.Equal(LiberationDayRule.EveryYear, calendar.LiberationDayRule);
        var days = calendar.ToWorkingDayCalendar();
        Assert.Equal("de kerstsluiting", days.WhyClosed(new DateOnly(2027, 12, 28))!.Reason);
        Assert.True(days.IsWorkingDay(new DateOnly(2027, 12, 23)));
        Assert.False(days.IsWorkingDay(new DateOnly(2027, 5, 5)));
    }

    [Fact]
    public void Every_bad_field_of_a_calendar_is_named_in_Dutch()
    {
        var errors = Errors(new CalendarDefinition
        {
            TimeOfDay = "negen uur",
            LiberationDay = "soms",
            ClosedDays =
            [
                new ClosedPeriod { From = "12-27", To = "12-31", Name = "kerst" },
                new ClosedPeriod { From = "27-12" },
                new ClosedPeriod { From = "2027-05-07", To = "05-08" },
                new ClosedPeriod { From = "2027-07-01", To = "2027-08-31" },
                null!,
            ],
        });

        Assert.Equal(["'negen uur' is geen tijdstip: gebruik UU:mm in Nederlandse tijd, bijvoorbeeld '09:00'."], errors["definition.calendar.timeOfDay"]);
        Assert.Contains("Kies 'everyYear'", Assert.Single(errors["definition.calendar.liberationDay"]));
        Assert.False(errors.ContainsKey("definition.calendar.closedDays[0]"));
        Assert.Contains("'27-12' is geen datum", Assert.Single(errors["definition.calendar.closedDays[1]"]));
        Assert.Contains("dezelfde vorm", Assert.Single(errors["definition.calendar.closedDays[2]"]));
        Assert.Contains("hoogstens 31 dagen", Assert.Single(errors["definition.calendar.closedDays[3]"]));
        Assert.Contains("Verplicht", Assert.Single(errors["definition.calendar.closedDays[4]"]));
    }

    [Fact]
    public void A_good_calendar_passes_and_lustrum_years_close_5_May_only_every_fifth_year()
    {
        var lustrum = new CalendarDefinition { TimeOfDay = "8:30", LiberationDay = "lustrumYears" };

        Assert.Empty(Errors(lustrum));
        Assert.Equal(new TimeOnly(8, 30), CalendarDefinition.ParseTimeOfDay(lustrum.TimeOfDay));
        var days = lustrum.ToWorkingDayCalendar();
        Assert.True(days.IsWorkingDay(new DateOnly(2027, 5, 5)));
        Assert.False(days.IsWorkingDay(new DateOnly(2030, 5, 5)));
    }

    [Fact]
    public void A_definition_file_with_a_bad_calendar_stops_the_host_naming_the_file_and_the_field()
    {
        var definition = SamplePlans.ImaDefinition() with
        {
            Name = "ima-kalender",
            Calendar = new CalendarDefinition { ClosedDays = [new ClosedPeriod { From = "2027-13-01" }] },
        };
        var path = Path.Combine(_folder, "kalender.json");
        File.WriteAllText(path, JsonSerializer.Serialize(definition, JsonDefaults.Options));

        var e = Assert.Throws<ReportDefinitionException>(() => new DefinitionCatalog(_folder));

        Assert.Contains(path, e.Message);
        Assert.Contains("calendar.closedDays[0]: '2027-13-01' is geen datum", e.Message);
    }

    [Fact]
    public void A_calendar_is_read_from_the_JSON_a_coordinator_writes()
    {
        const string json = """
            { "workingDays": true, "timeOfDay": "10:00", "liberationDay": "lustrumYears",
              "closedDays": [ { "from": "12-24", "to": "01-02", "name": "de kerstsluiting" }, { "from": "2027-05-07" } ] }
            """;

        var calendar = JsonSerializer.Deserialize<CalendarDefinition>(json, JsonDefaults.Options)!;

        Assert.Empty(Errors(calendar));
        var days = calendar.ToWorkingDayCalendar();
        Assert.Equal("de kerstsluiting", days.WhyClosed(new DateOnly(2028, 1, 2))!.Reason);
        Assert.Equal("een extra gesloten dag", days.WhyClosed(new DateOnly(2027, 5, 7))!.Reason);
        Assert.DoesNotContain("liberationDayRule", JsonSerializer.Serialize(calendar, JsonDefaults.Options), StringComparison.Ordinal);
    }
}
