using Microsoft.Playwright;

namespace MigrationAgenda.BrowserTests;

/// <summary>axe-core on a page (injected, so the context needs the CSP bypassed): no serious or critical violations.</summary>
internal static class PageAccessibility
{
    public static async Task AssertAsync(IPage page, string axeScript, string name)
    {
        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = axeScript });
        var json = await page.EvaluateAsync<string>("""
            async () => {
              const result = await axe.run(document, { resultTypes: ['violations'] });
              return JSON.stringify(result.violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' ')) })));
            }
            """);
        await File.WriteAllTextAsync(Path.Combine(PageFixture.Artifacts, $"axe-{name}.json"), json);
        Assert.True(json == "[]", $"axe found serious or critical violations on the {name} page: {json}");
    }
}
