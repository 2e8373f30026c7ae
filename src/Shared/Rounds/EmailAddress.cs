using System.Text.RegularExpressions;

namespace MigrationAgenda.Rounds;

/// <summary>Checks for addresses and domains that come in specs and allow-lists.</summary>
public static partial class EmailAddress
{
    [GeneratedRegex(@"^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}$", RegexOptions.IgnoreCase)]
    private static partial Regex DomainPattern();

    public static bool IsValid(string? address) =>
        !string.IsNullOrWhiteSpace(address)
        && MimeKit.MailboxAddress.TryParse(address, out var mailbox)
        && mailbox.Address == address.Trim()
        && mailbox.Address.IndexOf('@') is > 0 and var at
        && IsValidDomain(mailbox.Address[(at + 1)..]);

    public static bool IsValidDomain(string? domain) => !string.IsNullOrWhiteSpace(domain) && DomainPattern().IsMatch(domain);
}
