namespace MigrationAgenda.BrowserTests;

/// <summary>Outside the "Page" collection, so it runs (and passes) on a machine without Chromium too.</summary>
public sealed class ChromiumRequirementTests
{
    [Fact]
    public void A_missing_chromium_fails_with_the_command_that_installs_it()
    {
        var error = Assert.Throws<InvalidOperationException>(() => PageFixture.RequireChromium("/nonexistent/chromium"));
        Assert.Contains("apt-get install -y chromium", error.Message, StringComparison.Ordinal);
        Assert.Contains("/nonexistent/chromium", error.Message, StringComparison.Ordinal);
    }
}
