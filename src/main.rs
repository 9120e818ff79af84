//! The `nianbao` binary: `nianbao parse FILE…` runs the parser headless and
//! prints JSON Lines; `nianbao compare A B` prints two reports' comparison;
//! anything else opens the window.

mod cli;

/// mimalloc rather than the system allocator: a parse makes about a
/// thousand small allocations, and glibc's malloc spends a tenth of the
/// parse on them.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    if args.first().is_some_and(|a| a == "parse") {
        return cli::parse_command(&args[1..]);
    }
    if args.first().is_some_and(|a| a == "compare") {
        return cli::compare_command(&args[1..]);
    }
    if args.first().is_some_and(|a| a == "--help" || a == "-h") {
        print!("{}", cli::USAGE);
        return std::process::ExitCode::SUCCESS;
    }
    if args.first().is_some_and(|a| a == "--version" || a == "-V") {
        println!("nianbao {}", env!("CARGO_PKG_VERSION"));
        return std::process::ExitCode::SUCCESS;
    }
    cli::window(args)
}
