//! Presentational pieces, one public component per file.

pub mod archive_header;
pub mod author_header;
pub mod author_profile;
pub mod facet_list;
pub mod highlighted;
pub mod index_failure;
pub mod load_error_view;
pub mod loading_skeleton;
pub mod month_archive;
pub mod pagination;
pub mod post_body;
pub mod post_card;
pub mod post_meta;
pub mod related_posts;
pub mod remote_body;
pub mod search_form;
pub mod share_button;

pub use archive_header::ArchiveHeader;
pub use author_header::AuthorHeader;
pub use author_profile::AuthorProfile;
pub use facet_list::FacetList;
pub use highlighted::Highlighted;
pub use index_failure::IndexFailure;
pub use load_error_view::LoadErrorView;
pub use loading_skeleton::LoadingSkeleton;
pub use month_archive::MonthArchive;
pub use pagination::Pagination;
pub use post_body::PostBody;
pub use post_card::PostCard;
pub use post_meta::PostMeta;
pub use related_posts::RelatedPosts;
pub use remote_body::RemoteBody;
pub use search_form::SearchForm;
pub use share_button::ShareButton;
