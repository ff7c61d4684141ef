using Microsoft.Extensions.Time.Testing;
using RemoteKit.Launchers;

namespace RemoteKit.Unit.Tests.Launchers;

/// <summary>How often a dead controller is started again before its supervisor gives up.</summary>
public sealed class RestartBudgetTests
{
    [Fact]
    public void A_controller_that_keeps_dying_is_given_up_on_and_one_that_dies_now_and_then_is_not()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var budget = new RestartBudget(3, TimeSpan.FromMinutes(1), time);

        // Three deaths within the window are restarted; the fourth is not.
        Assert.True(budget.TryTake());
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.True(budget.TryTake());
        Assert.True(budget.TryTake());
        Assert.False(budget.TryTake());

        // Once the first has left the window, one more restart is allowed, and only one.
        time.Advance(TimeSpan.FromSeconds(51));
        Assert.True(budget.TryTake());
        Assert.False(budget.TryTake());
    }
}
