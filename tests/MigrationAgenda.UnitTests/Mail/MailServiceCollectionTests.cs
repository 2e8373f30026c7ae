using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MigrationAgenda.Mail;
using MigrationAgenda.Storage;

namespace MigrationAgenda.UnitTests.Mail;

public sealed class MailServiceCollectionTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddStorageClients(StorageAccount.FromConnectionString("UseDevelopmentStorage=true"));
        services.AddMailSender(configuration);
        return services.BuildServiceProvider();
    }

    [Fact]
    public void Without_an_api_key_mail_goes_to_the_outbox()
    {
        using var provider = Build(new() { ["Tokens:SigningKey"] = new string('k', 32) });

        Assert.IsType<OutboxMailSender>(provider.GetRequiredService<IMailSender>());
        Assert.NotNull(provider.GetRequiredService<MailComposer>());
        Assert.Equal("inbound.migratieagenda.example", provider.GetRequiredService<ReplyToken>().InboundDomain);
    }

    [Fact]
    public void With_an_api_key_mail_goes_to_SendGrid_and_options_bind()
    {
        using var provider = Build(new()
        {
            ["Tokens:SigningKey"] = new string('k', 32),
            ["Tokens:Lifetime"] = "30.00:00:00",
            ["Mail:SendGridApiKey"] = "SG.test",
            ["Mail:InboundDomain"] = "in.example.nl",
        });

        Assert.IsType<SendGridMailSender>(provider.GetRequiredService<IMailSender>());
        Assert.Equal("in.example.nl", provider.GetRequiredService<ReplyToken>().InboundDomain);
        Assert.Equal(TimeSpan.FromDays(30), provider.GetRequiredService<IOptions<TokenOptions>>().Value.Lifetime);
    }

    [Fact]
    public void Missing_signing_key_fails_with_the_setting_name()
    {
        using var provider = Build(new());

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<ReplyToken>());
        Assert.Contains("The setting Tokens:SigningKey is missing", ex.Message);
    }

    [Fact]
    public void Short_signing_key_fails_with_the_setting_name()
    {
        using var provider = Build(new() { ["Tokens:SigningKey"] = new string('k', 31) });

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<ReplyToken>());
        Assert.Contains("The setting Tokens:SigningKey is too short", ex.Message);
    }
}
