//! Validating a valid update allocates nothing: a counting global allocator
//! (in its own test binary) watches `validate()`.

use auth0_connections::{UpdateConnectionRequestContent, Validate};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

struct Counting;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::SeqCst);
        System.alloc(layout)
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout)
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn allocations_of(f: impl FnOnce()) -> usize {
    let before = ALLOCATIONS.load(Ordering::SeqCst);
    f();
    ALLOCATIONS.load(Ordering::SeqCst) - before
}

#[test]
fn a_valid_update_is_validated_without_allocating() {
    let update: UpdateConnectionRequestContent = serde_json::from_value(serde_json::json!({
        "display_name": "Corporate login",
        "metadata": {"team": "identity", "owner": null},
        "options": {
            "passwordPolicy": "good",
            "precedence": ["email", "username", "phone_number"],
            "upstream_params": {"screen_name": {"alias": "login_hint"}, "tenant": {"value": "acme"}},
            "oidc_metadata": {"issuer": "https://idp.example.com/", "end_session_endpoint": "https://idp.example.com/logout"}
        }
    }))
    .expect("a valid update");
    // The pattern is compiled once, on first use.
    assert!(update.validate().is_ok());
    assert_eq!(allocations_of(|| assert!(update.validate().is_ok())), 0);

    // An invalid one does allocate: the counter does count.
    let invalid = UpdateConnectionRequestContent::default();
    assert!(allocations_of(|| assert!(invalid.validate().is_err())) > 0);
}
