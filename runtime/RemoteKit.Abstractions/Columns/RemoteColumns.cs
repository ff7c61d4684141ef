using System.ComponentModel;

namespace RemoteKit;

/// <summary>
/// The engine side of map chunks sent as columns (<see cref="RemoteMethodDescriptor.IsColumnar"/>): for a [Remote] method whose
/// arguments and result are unmanaged, the generated provider passes the method group to one of these factories, and the
/// loop calls it once per item straight from the argument columns into the result column. The loop is shared by every
/// method of one signature; a delegate rather than a generated type per method keeps the generated code small (a struct
/// per method implementing a static abstract interface made a 1,000-method project's build about a second slower).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static partial class RemoteColumns
{
    // The Loop factories and the loops behind them, 1 to 16 arguments, are written at build time from
    // generators/RemoteKit.Abstractions.Arity/Templates: ColumnLoopFactories.cs and ColumnLoops.cs.
}
