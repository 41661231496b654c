import type { ShortcodeHandler } from './types.js';

/**
 * Forms, polls and sign-ups: a static page cannot submit them, so they are removed, and counted
 * for the run's report.
 */
const FORMS = /^(contact-form-7|contact-form|contact_form|wpforms|gravityforms?|ninja_forms?|mc4wp_form|jetpack_subscription_form|blog_subscription_form|subscribe2?|ultimatemember(_\w+)?|formidable|caldera_form|forminator_form|fluentform|everest_form|wufoo|polldaddy|crowdsignal|poll|wp_polls?|newsletter(_form)?|email-subscribers(-form)?|wpcf7|cf7|mailpoet_form|sibwp_form|convertkit(_form)?|hubspot)$/i;

export const forms: ShortcodeHandler = {
  name: 'forms',
  description: 'form, poll and sign-up shortcodes (Contact Form 7, WPForms, Gravity Forms, Ninja Forms, Mailchimp, Jetpack subscriptions, Ultimate Member…) removed, and counted',
  matches: (tag) => FORMS.test(tag),
  expand: (code, context) => {
    context.note(`form removed: [${code.name.toLowerCase()}]`);
    return '';
  },
};
