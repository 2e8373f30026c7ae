using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MigrationAgenda.Storage;
using MigrationAgenda.Telemetry;

namespace MigrationAgenda.Mail;

public static class MailServiceCollectionExtensions
{
    /// <summary>
    /// Outgoing mail: SendGrid when Mail:SendGridApiKey is set, otherwise the Blob outbox (which needs
    /// <see cref="StorageClients"/> registered by the host). Also the composer, reply tokens and their options.
    /// Tokens:SigningKey is checked when the host starts, so a missing key stops the host instead of the first request.
    /// </summary>
    public static IServiceCollection AddMailSender(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MailOptions>().Bind(configuration.GetSection(MailOptions.Section));
        services.AddOptions<TokenOptions>().Bind(configuration.GetSection(TokenOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TokenOptions>, TokenOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => AddressHasher.FromConfiguration(configuration));
        services.TryAddSingleton(sp => new ReplyToken(
            sp.GetRequiredService<IOptions<TokenOptions>>().Value, sp.GetRequiredService<IOptions<MailOptions>>().Value));
        services.TryAddSingleton(sp => new MailComposer(
            sp.GetRequiredService<ReplyToken>(), sp.GetRequiredService<IOptions<MailOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new OutboxReader(sp.GetRequiredService<StorageClients>()));

        var useSendGrid = !string.IsNullOrWhiteSpace(configuration[$"{MailOptions.Section}:{nameof(MailOptions.SendGridApiKey)}"]);
        // Either one tells the operator what it sent (TrackedMailSender: MailSent, MailRefused).
        if (useSendGrid)
            services.TryAddSingleton<IMailSender>(sp => Tracked(sp, new SendGridMailSender(
                sp.GetRequiredService<IOptions<MailOptions>>().Value, sp.GetRequiredService<ILogger<SendGridMailSender>>(),
                sp.GetRequiredService<AddressHasher>(), sp.GetRequiredService<TimeProvider>())));
        else
            services.TryAddSingleton<IMailSender>(sp => Tracked(sp, new OutboxMailSender(
                sp.GetRequiredService<StorageClients>(), sp.GetRequiredService<ILogger<OutboxMailSender>>(), sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<AddressHasher>())));
        return services;
    }

    private static IMailSender Tracked(IServiceProvider services, IMailSender sender) =>
        services.GetService<IOperatorEvents>() is { } events ? new TrackedMailSender(sender, events) : sender;

    // Reuses TokenOptions' own check so the start-up failure carries the same message naming the setting.
    private sealed class TokenOptionsValidator : IValidateOptions<TokenOptions>
    {
        public ValidateOptionsResult Validate(string? name, TokenOptions options)
        {
            try
            {
                options.KeyBytes();
                return ValidateOptionsResult.Success;
            }
            catch (InvalidOperationException ex)
            {
                return ValidateOptionsResult.Fail(ex.Message);
            }
        }
    }
}
