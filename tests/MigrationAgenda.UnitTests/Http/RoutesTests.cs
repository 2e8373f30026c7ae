using System.Text.RegularExpressions;
using MigrationAgenda.Http;
using MigrationAgenda.Rounds;

namespace MigrationAgenda.UnitTests.Http;

public sealed class RoutesTests
{
    [Fact]
    public void The_command_route_takes_exactly_the_commands_a_coordinator_may_send()
    {
        var names = Regex.Match(Routes.RoundCommand, @"\^\((?<names>[a-z|]+)\)\$").Groups["names"].Value.Split('|');

        var commands = Enum.GetNames<RoundCommandKind>().Where(n => n != nameof(RoundCommandKind.Redraft)).Select(n => n.ToLowerInvariant());
        Assert.Equal(commands.Order(), names.Order());
    }
}
