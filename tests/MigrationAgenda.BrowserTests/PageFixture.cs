using Microsoft.Playwright;
using MigrationAgenda.Storage.Local;
using MigrationAgenda.TestSupport;

namespace MigrationAgenda.BrowserTests;

/// <summary>
/// The app (real orchestrator on DurableTaskTestHost, storage on Azurite, the API and the page on Kestrel) and one
/// Chromium for all browser tests. Debian's chromium, never a downloaded one: `apt-get install -y chromium`.
/// </summary>
public sealed class PageFixture : IAsyncLifetime
{
    public const string DefaultChromium = "/usr/bin/chromium";

    private readonly AzuriteFixture _azurite = new();
    private WorkflowHost? _workflow;
    private ApiHost? _api;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public const string InboundSecret = "browser-tests-inbound-secret";
    /// <summary>The IMA definition under another name and without example contacts: its contacts list is the contacts test's own.</summary>
    public const string ContactsDefinition = "ima-contacten";

    /// <summary>Plays SendGrid's Event Webhook signing key; the app is given its public half.</summary>
    public System.Security.Cryptography.ECDsa EventWebhookKey { get; } = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);

    public WorkflowHost Workflow => _workflow ?? throw new InvalidOperationException("not started");
    public ApiHost Api => _api ?? throw new InvalidOperationException("not started");
    public IBrowser Browser => _browser ?? throw new InvalidOperationException("not started");
    public string BaseUrl => Api.Http.BaseAddress!.ToString().TrimEnd('/');
    public string RepoRoot { get; } = AzuriteProcess.FindRepoRoot(AppContext.BaseDirectory);
    public string AxeScript => Path.Combine(RepoRoot, "node_modules", "axe-core", "axe.min.js");
    public static string Artifacts { get; } = Path.Combine(AppContext.BaseDirectory, "artifacts", "page");

    public static string ChromiumPath => Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } p ? p : DefaultChromium;

    public async Task InitializeAsync()
    {
        // Fail first, and clearly, when the browser is missing: nothing else is worth starting then.
        RequireChromium(ChromiumPath);
        Directory.CreateDirectory(Artifacts);
        await EnsureAxeAsync();

        await _azurite.InitializeAsync();
        _workflow = await WorkflowHost.StartAsync(_azurite, new Dictionary<string, string?>
        {
            ["Inbound:SharedSecret"] = InboundSecret,
            ["Mail:EventWebhookPublicKey"] = Convert.ToBase64String(EventWebhookKey.ExportSubjectPublicKeyInfo()),
            [MigrationAgenda.Rounds.DefinitionCatalog.FolderSetting] = TestDefinitions.Folder(ContactsDefinition),
        });
        _api = await ApiHost.StartAsync(_workflow);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
            ],
        });
    }

    /// <summary>A fresh context: Dutch, a fixed time zone (UTC, so the test can fill datetime-local fields), a desktop viewport.</summary>
    public Task<IBrowserContext> NewContextAsync(bool bypassCsp = false) => Browser.NewContextAsync(new BrowserNewContextOptions
    {
        BaseURL = BaseUrl,
        Locale = "nl-NL",
        TimezoneId = "UTC",
        ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        AcceptDownloads = true,
        // Only for injecting axe-core as a script tag; the scenarios run with the page's CSP enforced.
        BypassCSP = bypassCsp,
    });

    /// <summary>Every action asks first, in the page's own dialog (not window.confirm): say yes.</summary>
    public static async Task ConfirmAsync(IPage page)
    {
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await dialog.GetByRole(AriaRole.Button).First.ClickAsync();
        await Assertions.Expect(dialog).ToBeHiddenAsync();
    }

    /// <summary>axe-core on the page as it is now: no serious or critical violations (the list is kept in the artifacts either way).</summary>
    public async Task AssertAccessibleAsync(IPage page, string name)
    {
        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = AxeScript });
        var json = await page.EvaluateAsync<string>("""
            async () => {
              const result = await axe.run(document, { resultTypes: ['violations'] });
              return JSON.stringify(result.violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' ')) })));
            }
            """);
        await File.WriteAllTextAsync(Path.Combine(PageFixture.Artifacts, $"axe-{name}.json"), json);
        Assert.True(json == "[]", $"axe found serious or critical violations on the {name} view: {json}");
    }

    public static void RequireChromium(string path)
    {
        if (!File.Exists(path))
            throw new InvalidOperationException(
                $"Chromium is not installed ({path} is missing). The browser tests use Debian's Chromium: run `apt-get install -y chromium` " +
                "(or set CHROMIUM_PATH). Do not run `playwright install`.");
    }

    private async Task EnsureAxeAsync()
    {
        if (File.Exists(AxeScript))
            return;
        using var npm = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("npm", ["ci", "--no-audit", "--no-fund"])
        {
            WorkingDirectory = RepoRoot, RedirectStandardOutput = true, RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("Could not start npm: is Node.js installed?");
        var stderr = npm.StandardError.ReadToEndAsync();
        _ = await npm.StandardOutput.ReadToEndAsync();
        await npm.WaitForExitAsync();
        if (npm.ExitCode != 0 || !File.Exists(AxeScript))
            throw new InvalidOperationException($"axe-core is missing ({AxeScript}) and `npm ci` did not install it: {(await stderr).Trim()}");
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
            await _browser.DisposeAsync();
        _playwright?.Dispose();
        if (_api is not null)
            await _api.DisposeAsync();
        if (_workflow is not null)
            await _workflow.DisposeAsync();
        await _azurite.DisposeAsync();
        EventWebhookKey.Dispose();
    }
}

[CollectionDefinition("Page")]
public sealed class PageCollection : ICollectionFixture<PageFixture>;
