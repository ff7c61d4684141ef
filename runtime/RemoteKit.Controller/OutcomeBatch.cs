using System.Runtime.CompilerServices;
using RemoteKit.Protocol;

namespace RemoteKit.Controller;

/// <summary>
/// Room on the stack for one item per outcome of a batch an engine sends (at most <see cref="DirectOutcomesMessage.MaxOutcomes"/>):
/// the hub's reports and the monitor's records of it.
/// </summary>
/// <typeparam name="T">The item.</typeparam>
[InlineArray(DirectOutcomesMessage.MaxOutcomes)]
internal struct OutcomeBatch<T>
{
    private T _first;
}
