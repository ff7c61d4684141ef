using System.ComponentModel;
using RemoteKit.Kernel.Cells;
using RemoteKit.Kernel.Display;

namespace RemoteKit.Kernel
{
    /// <summary>
    /// What every notebook cell sees besides its own variables: <see cref="Display"/> to show a value now, and
    /// <see cref="CellCancellation"/>, cancelled when the user interrupts the cell.
    /// </summary>
    public sealed class NotebookGlobals
    {
        private readonly KernelSession _session;

        internal NotebookGlobals(KernelSession session)
        {
            _session = session;
            Magics = new MagicCommands(session);
        }

        /// <summary>
        /// Cancelled when the user interrupts the running cell (Jupyter's interrupt); pass it to long local work and to
        /// <c>ApplyAsync</c>/<c>MapAsync</c>. The kernel also aborts every task of the notebook's clients on an interrupt.
        /// </summary>
        public CancellationToken CellCancellation => _session.CellCancellation;

        /// <summary>The kernel's implementation of magic lines; cells do not call it themselves.</summary>
        [EditorBrowsable(EditorBrowsableState.Never)]
        public MagicCommands Magics { get; }

        /// <summary>Shows <paramref name="value"/> in the cell's output now (as a trailing expression would at the end).</summary>
        /// <param name="value">The value.</param>
        /// <returns>A handle that replaces what was shown with <see cref="DisplayHandle.Update"/>.</returns>
        public DisplayHandle Display(object? value)
        {
            var handle = new DisplayHandle(_session.Iopub, "display-" + Guid.NewGuid().ToString("N"));
            _session.FlushConsole();
            _session.Iopub.Display(ValueFormatter.Bundle(value), handle.Id);
            return handle;
        }
    }

    /// <summary>A value shown with <see cref="NotebookGlobals.Display"/>, which can be replaced in place.</summary>
    public sealed class DisplayHandle
    {
        private readonly Iopub _iopub;

        internal DisplayHandle(Iopub iopub, string id)
        {
            _iopub = iopub;
            Id = id;
        }

        /// <summary>The display's id in the notebook (Jupyter's <c>display_id</c>).</summary>
        public string Id { get; }

        /// <summary>Replaces the shown value with <paramref name="value"/>.</summary>
        /// <param name="value">The new value.</param>
        public void Update(object? value) => _iopub.Display(ValueFormatter.Bundle(value), Id, update: true);
    }

    /// <summary>
    /// The magic lines of a cell (<c>%px</c>, <c>%autopx</c>, <c>%lsmagic</c>, <c>!cmd</c>, ...) become calls of these
    /// methods where they stand in the cell's code, so they run in order with the C# around them.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class MagicCommands
    {
        private readonly KernelSession _session;

        internal MagicCommands(KernelSession session) => _session = session;

        /// <summary>Runs a line magic.</summary>
        /// <param name="name">The magic's name, without <c>%</c>.</param>
        /// <param name="arguments">The rest of the line.</param>
        /// <returns>A task completing when the magic has run.</returns>
        public Task LineAsync(string name, string arguments) => _session.Magics.RunLineAsync(name, arguments);

        /// <summary>Runs a shell command (<c>!cmd</c>), its output streamed into the cell.</summary>
        /// <param name="command">The command line, run by <c>/bin/sh -c</c>.</param>
        /// <returns>A task completing when the command has exited.</returns>
        public Task ShellAsync(string command) => _session.Magics.ShellAsync(command);
    }
}

namespace RemoteKit
{
    using RemoteKit.Kernel.Cells;

    /// <summary>Notebook additions to views (ipyparallel's <c>view.activate()</c>).</summary>
    public static class NotebookViewExtensions
    {
        /// <summary>
        /// Makes this view the one the notebook's parallel magics (<c>%px</c>, <c>%%px</c>, <c>%autopx</c>) run on, instead of
        /// the most recent client's <c>client[..]</c>. Only in the RemoteKit notebook kernel.
        /// </summary>
        /// <typeparam name="TView">The view type.</typeparam>
        /// <param name="view">The view.</param>
        /// <returns>The same view.</returns>
        public static TView Activate<TView>(this TView view)
            where TView : TargetedView
        {
            ArgumentNullException.ThrowIfNull(view);
            ActiveViews.Activate(view);
            return view;
        }
    }
}
