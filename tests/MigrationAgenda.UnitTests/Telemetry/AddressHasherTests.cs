using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
using MigrationAgenda.Telemetry;

namespace MigrationAgenda.UnitTests.Telemetry;

public sealed class AddressHasherTests
{
    private const string SigningKey = "unit-test-signing-key-0123456789-abcdefghij";

    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void The_hash_is_a_short_keyed_hmac_of_the_address_in_lower_case()
    {
        var hasher = AddressHasher.FromConfiguration(Config(("Tokens:SigningKey", SigningKey)));

        // Computed here independently: HMAC-SHA256(HMAC-SHA256(signing key, label), address), first 10 hex digits.
        var key = HMACSHA256.HashData(Encoding.UTF8.GetBytes(SigningKey), Encoding.UTF8.GetBytes("MigrationAgenda/log-address-hash/v1"));
        var expected = "addr:" + Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes("officer@bhos.example")))[..10];

        Assert.Equal(expected, hasher.Hash("officer@bhos.example"));
        Assert.Equal(expected, hasher.Hash("  Officer@BHOS.example "));
        Assert.Matches("^addr:[0-9a-f]{10}$", hasher.Hash("head@bhos.example"));
        Assert.NotEqual(expected, hasher.Hash("head@bhos.example"));
        Assert.Equal("addr:none", hasher.Hash(null));
    }

    [Fact]
    public void Another_key_gives_other_hashes_and_an_own_key_wins_over_the_derived_one()
    {
        var derived = AddressHasher.FromConfiguration(Config(("Tokens:SigningKey", SigningKey)));
        var other = AddressHasher.FromConfiguration(Config(("Tokens:SigningKey", SigningKey + "x")));
        var own = AddressHasher.FromConfiguration(Config(("Tokens:SigningKey", SigningKey), ("Privacy:AddressHashKey", "an-address-hash-key-of-32-bytes-or-more!")));

        Assert.NotEqual(derived.Hash("a@b.example"), other.Hash("a@b.example"));
        Assert.NotEqual(derived.Hash("a@b.example"), own.Hash("a@b.example"));
        // Not the plain HMAC under the signing key: the log hash reveals nothing the reply tokens use.
        Assert.NotEqual("addr:" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(SigningKey), "a@b.example"u8))[..10], derived.Hash("a@b.example"));
    }

    [Fact]
    public void Without_a_usable_key_the_host_does_not_start()
    {
        Assert.Contains("Tokens:SigningKey", Assert.Throws<InvalidOperationException>(() => AddressHasher.FromConfiguration(Config())).Message);
        Assert.Contains("Privacy:AddressHashKey", Assert.Throws<InvalidOperationException>(() =>
            AddressHasher.FromConfiguration(Config(("Tokens:SigningKey", SigningKey), ("Privacy:AddressHashKey", "short")))).Message);
    }

    [Fact]
    public void Redact_replaces_every_address_in_free_text_by_its_hash()
    {
        var hasher = AddressHasher.FromConfiguration(Config(("Tokens:SigningKey", SigningKey)));
        var text = """{"errors":[{"message":"The to address Officer@bhos.example and cc x.y+z@sub.szw.example are invalid"}]}""";

        var redacted = hasher.Redact(text);

        Assert.DoesNotContain("@", redacted);
        Assert.Contains(hasher.Hash("officer@bhos.example"), redacted);
        Assert.Contains(hasher.Hash("x.y+z@sub.szw.example"), redacted);
        Assert.Contains("are invalid", redacted);
        Assert.Equal("geen adres hier", hasher.Redact("geen adres hier"));
    }
}
